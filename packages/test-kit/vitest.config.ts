import { defineKitProject } from './src/vitest-project.ts'

export default defineKitProject({
  test: {
    name: 'test-kit',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // The shop schema is a project of its own (test/shop/vitest.config.ts).
    exclude: ['test/shop/**', '**/node_modules/**'],
  },
})
