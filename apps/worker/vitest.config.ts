import { defineKitProject } from '@tenantkit/test-kit/vitest-project'

export default defineKitProject({
  test: {
    name: 'worker',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
  },
})
