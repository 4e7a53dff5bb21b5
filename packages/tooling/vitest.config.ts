// @tenantkit/tooling tests: the repository's own machinery (the Node runtime for scripts, the CI
// workflow, sharding and merging). The shard test runs a small child suite, see test/fixtures.
import { configDefaults, defineProject } from 'vitest/config'
import { sourceConditions } from '../test-kit/src/source-conditions.ts'

export default defineProject({
  ...sourceConditions,
  test: {
    name: 'tooling',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/fixtures/**'],
  },
})
