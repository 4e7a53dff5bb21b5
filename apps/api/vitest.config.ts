import { defineKitProject } from '../../packages/test-kit/src/vitest-project.ts'

export default defineKitProject({
  test: {
    name: 'api',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
  },
})
