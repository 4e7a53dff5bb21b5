// A tiny Vitest project that the lifecycle tests run in a child process, to watch what a run
// leaves behind when it passes, fails or is interrupted.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { sourceConditions } from '../../../src/source-conditions.ts'

export default defineConfig({
  ...sourceConditions,
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['*.child.ts'],
    globalSetup: [fileURLToPath(new URL('../../../src/provision/global-setup.ts', import.meta.url))],
    testTimeout: 120_000,
  },
})
