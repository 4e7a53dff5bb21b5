// `suite.seedstyle`: the API suite's files, unchanged, on the seed-style harness (seed-kit.ts)
// with Vitest's defaults: one worker (one shared database cannot take two at once) and a fresh
// module graph per file. The query-budget files are left out: they count statements with the
// kit's `queries` fixture, which a hand-written harness does not have (4 of the API's tests).
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { sourceConditions } from '../../packages/test-kit/src/source-conditions.ts'
import { GLOBAL_SETUP } from '../../packages/test-kit/src/vitest-project.ts'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  ...sourceConditions,
  resolve: {
    ...sourceConditions.resolve,
    alias: [{ find: /^@tenantkit\/test-kit$/, replacement: here('./seed-kit.ts') }],
  },
  test: {
    name: 'api-seedstyle',
    root: here('../../apps/api'),
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.queries.test.ts'],
    globalSetup: [GLOBAL_SETUP],
    setupFiles: [here('../../packages/test-kit/src/quiet-wasm-warning.ts')],
    maxWorkers: 1,
    isolate: true,
  },
})
