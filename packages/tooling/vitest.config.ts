// @tenantkit/tooling tests: the repository's own machinery (the Node runtime for scripts, the CI
// workflow, sharding and merging). A kit project: the shard test runs a small child suite (see
// test/fixtures) on this run's PostgreSQL, through `inject('tenantkit')`, and its files keep no
// state in modules, so one worker runs file after file.
import { configDefaults } from 'vitest/config'
import { defineKitProject } from '../test-kit/src/vitest-project.ts'

export default defineKitProject({
  test: {
    name: 'tooling',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/fixtures/**'],
  },
})
