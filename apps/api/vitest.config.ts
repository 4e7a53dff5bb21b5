import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'api',
    globalSetup: ['../../packages/test-kit/src/provision/global-setup.ts'],
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
  },
})
