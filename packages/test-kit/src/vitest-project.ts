// The one place a Vitest project learns about the kit: its globalSetup, and the worker count and
// module isolation that suit database tests (see docs/decisions/011-workers-and-module-isolation.md).
import { enableCompileCache } from 'node:module'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineProject, type UserWorkspaceConfig } from 'vitest/config'
import { modulePath } from './module-path.ts'
import { sourceConditions } from './source-conditions.ts'

/** The kit's globalSetup file (one PostgreSQL per Vitest process, shared by all projects). */
export const GLOBAL_SETUP = modulePath('./provision/global-setup', import.meta.url)
const QUIET_WASM_WARNING = modulePath('./quiet-wasm-warning', import.meta.url)
/** Runs each test in a context of its own (test-context.ts): the app's own client finds its test. */
export const KIT_SETUP = modulePath('./setup', import.meta.url)

/** Inside the tenantkit workspace the kit runs from source, and so must the packages it imports. */
const FROM_SOURCE = import.meta.url.endsWith('.ts')

/**
 * Test files run at once: one per CPU, and at least 2. Vitest's default (CPUs − 1) gives a 2-CPU
 * machine a single worker, yet a database test spends much of its time waiting on PostgreSQL,
 * a process of its own, so a second worker keeps both CPUs busy. Every project of one run must
 * use the same number (Vitest refuses projects with different `maxWorkers` in one group): the
 * root config and projects that are not kit projects use this constant too.
 * `--maxWorkers=N` (or VITEST_MAX_WORKERS) overrides it for a run.
 */
export const KIT_MAX_WORKERS = Math.max(2, availableParallelism())

/** The kit projects' default test and hook timeout (a project's own `testTimeout` wins). */
export const KIT_TEST_TIMEOUT = 20_000

/**
 * Node's compile cache for the workers and every process a test spawns (the Prisma CLI, child
 * Vitest runs): modules Node loads itself (Prisma's runtime, pg, Fastify, faker…) are compiled
 * once and read back on the next start (≈ 35 % less CPU for a Prisma CLI start here). A
 * NODE_COMPILE_CACHE of your own is kept; Vitest itself turns the cache off under V8 coverage.
 */
export const COMPILE_CACHE_ENV = {
  NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE || join(tmpdir(), 'node-compile-cache'),
}

// The Vitest process itself, where the kit's globalSetup starts PostgreSQL: every config that
// uses the kit imports this file, so the cache is on there too before the globalSetup loads pg
// and the rest (NODE_DISABLE_COMPILE_CACHE=1 still turns it off).
enableCompileCache(COMPILE_CACHE_ENV.NODE_COMPILE_CACHE)

/** A Vitest project's config, and where its migration history is when not in the nearest prisma/migrations. */
export type KitProjectConfig = UserWorkspaceConfig & {
  /**
   * The migrations folder the project's template is built from, relative to the project's root
   * (or absolute): for a schema outside `prisma/`, e.g. `'db/migrations'`. Default: the nearest
   * `prisma/migrations` above the root. Sets the project's TEST_MIGRATIONS_DIR.
   */
  migrations?: string
}

/**
 * A Vitest project backed by the kit's PostgreSQL. Unless the project says otherwise it runs
 * `maxWorkers: KIT_MAX_WORKERS` and `isolate: false`: a worker imports the app, Prisma and the
 * kit once and runs file after file, instead of once per file (≈ 0.3 s a file). The kit still
 * resets what it owns for every file (the file's connections and client are closed, every test
 * rolls back or drops its clone); what the project's own modules keep in module scope is shared
 * by the files of one worker. A project whose code or tests keep state in modules (caches,
 * singletons, `vi.mock`) sets `isolate: true`. Workers (and what tests spawn) get COMPILE_CACHE_ENV.
 * @example
 * // apps/api/vitest.config.ts
 * export default defineKitProject({ test: { name: 'api', include: ['test/**\/*.test.ts'] } })
 */
export function defineKitProject(config: KitProjectConfig): UserWorkspaceConfig {
  const { migrations, ...project } = config
  const globalSetup = [config.test?.globalSetup ?? []].flat()
  const setupFiles = [config.test?.setupFiles ?? []].flat()
  return defineProject({
    ...project,
    ...(FROM_SOURCE && {
      resolve: { ...config.resolve, ...sourceConditions.resolve },
      ssr: { ...config.ssr, resolve: { ...config.ssr?.resolve, ...sourceConditions.ssr.resolve } },
      environments: { ...config.environments, ...sourceConditions.environments },
    }),
    test: {
      maxWorkers: KIT_MAX_WORKERS,
      isolate: false,
      // A test's first request pays for the app's first build and PostgreSQL's cold caches; on a
      // busy shared runner that can pass Vitest's 5 s. A hung test still fails, after 20 s.
      testTimeout: KIT_TEST_TIMEOUT,
      hookTimeout: KIT_TEST_TIMEOUT,
      ...config.test,
      env: {
        ...COMPILE_CACHE_ENV,
        ...config.test?.env,
        ...(migrations && { TEST_MIGRATIONS_DIR: migrations }),
      },
      globalSetup: [GLOBAL_SETUP, ...globalSetup],
      setupFiles: [QUIET_WASM_WARNING, KIT_SETUP, ...setupFiles],
    },
  })
}
