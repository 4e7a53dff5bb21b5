// The child project that interrupt.test.ts runs and interrupts: one test file whose behaviour
// CHILD_SCENARIO picks (see scenario.child.ts).
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { sourceConditions } from '../../../src/source-conditions.ts'

export default defineConfig({
  ...sourceConditions,
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['*.child.ts'],
    globalSetup: [fileURLToPath(new URL('../../../src/provision/global-setup.ts', import.meta.url))],
    setupFiles: [fileURLToPath(new URL('../../../src/quiet-wasm-warning.ts', import.meta.url))],
    testTimeout: 300_000,
  },
})
