// @tenantkit/db tests: this app's schema through the Prisma CLI and the Wasm schema-engine bridge
// (@tenantkit/migrations), against the test kit's throwaway PostgreSQL (TEST_DATABASE_URL to use
// your own server). They live here, not in packages/migrations: the kit that provides PostgreSQL
// depends on that package, which would then depend back on the kit.
import { defineKitProject } from '../test-kit/src/vitest-project.ts'

export default defineKitProject({
  test: {
    name: 'db',
    include: ['test/**/*.test.ts'],
    // Every test spawns the CLI (≈1.5 s a command) and some run several commands.
    testTimeout: 60_000,
  },
})
