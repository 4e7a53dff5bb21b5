import { defineKitProject } from './src/vitest-project.ts'

export default defineKitProject({
  test: {
    name: 'test-kit',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // The shop schema and the module-server app are projects of their own (their vitest.config.ts).
    exclude: ['test/shop/**', 'test/module-server/**', '**/node_modules/**'],
  },
})
