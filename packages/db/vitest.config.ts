// @tenantkit/db tests: the Prisma CLI through the Wasm schema-engine bridge, against the test kit's
// throwaway PostgreSQL (TEST_DATABASE_URL to use your own server).
import { defineProject } from 'vitest/config'
import { COMPILE_CACHE_ENV, KIT_MAX_WORKERS } from '../test-kit/src/vitest-project.ts'

export default defineProject({
  test: {
    name: 'db',
    globalSetup: ['../test-kit/src/provision/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    // The same count as the kit's projects (Vitest runs projects of one run with one count).
    maxWorkers: KIT_MAX_WORKERS,
    // Every CLI process these tests spawn starts faster with Node's compile cache.
    env: COMPILE_CACHE_ENV,
    // Every test spawns the CLI (≈1.5 s a command) and some run several commands.
    testTimeout: 60_000,
  },
})
