// The project shared-worker.test.ts runs in a child process: two files in ONE worker with module
// isolation off (as defineKitProject sets it), to show the kit resets what it owns per file.
import { fileURLToPath } from 'node:url'
import { defineKitProject } from '../../../src/vitest-project.ts'

export default defineKitProject({
  test: {
    name: 'shared-worker',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['*.child.ts'],
    isolate: false,
    maxWorkers: 1,
    testTimeout: 30_000,
  },
})
