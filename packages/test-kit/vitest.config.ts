import { defineKitProject } from './src/vitest-project.ts'

export default defineKitProject({
  test: {
    name: 'test-kit',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
  },
})
