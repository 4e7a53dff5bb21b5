// @tenantkit/tooling tests: the repository's own machinery (the Node runtime for scripts, the CI
// workflow, sharding and merging). The shard test runs a small child suite, see test/fixtures, on
// this run's PostgreSQL: the project has the kit's globalSetup (and so `inject('tenantkit')`).
import { configDefaults, defineProject } from 'vitest/config'
import { sourceConditions } from '../test-kit/src/source-conditions.ts'
import { GLOBAL_SETUP, KIT_MAX_WORKERS } from '../test-kit/src/vitest-project.ts'

export default defineProject({
  ...sourceConditions,
  test: {
    name: 'tooling',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/fixtures/**'],
    globalSetup: [GLOBAL_SETUP],
    // Its files keep no state in modules (no mocks, no stubs): one worker runs file after file, as
    // in the kit's projects, instead of a new process for each. Vitest then runs it in one group
    // with them, which needs the same worker count.
    isolate: false,
    maxWorkers: KIT_MAX_WORKERS,
  },
})
