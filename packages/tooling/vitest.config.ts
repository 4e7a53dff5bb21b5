// @tenantkit/tooling tests: the repository's own machinery (the Node runtime for scripts, the CI
// workflow, sharding and merging). The shard test runs a small child suite, see test/fixtures.
import { configDefaults, defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'tooling',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/fixtures/**'],
  },
})
