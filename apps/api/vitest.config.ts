import { defineKitProject } from '@tenantkit/test-kit/vitest-project'

export default defineKitProject({
  test: {
    name: 'api',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
  },
})
