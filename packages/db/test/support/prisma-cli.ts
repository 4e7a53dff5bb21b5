// Runs the Prisma CLI as `pnpm prisma` does (tenantkit-prisma → Wasm bridge), in a throwaway copy of
// the project's prisma/ folder so tests can add migrations and edit the schema freely.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { scratchDir } from '@tenantkit/test-kit'
import { type ProcessResult, runProcess } from './run-process.ts'

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

const PRISMA_BIN = join(REPO_ROOT, 'packages/migrations/bin/tenantkit-prisma.js')

/** The repository's migrations, in the order they apply (tests follow the history as it grows). */
export const REPO_MIGRATIONS = readdirSync(join(REPO_ROOT, 'prisma/migrations'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

/** What `prisma migrate status` prints for `count` migrations: "1 migration found", "2 migrations found". */
export const migrationsFound = (count: number) =>
  `${count} migration${count === 1 ? '' : 's'} found in prisma/migrations`

export type CliResult = ProcessResult

/** `output` of a result, for assertion messages. */
export const describeRun = (result: CliResult) =>
  `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`

/**
 * Runs `prisma <args>` in `cwd` with DATABASE_URL set (and `env` over the rest, where `undefined`
 * unsets a variable); never rejects on a non-zero exit.
 */
export function runPrisma(
  args: string[],
  options: { cwd: string; databaseUrl: string; env?: NodeJS.ProcessEnv },
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    DATABASE_URL: options.databaseUrl,
    NO_COLOR: '1',
    // Offline: no update check, no telemetry call.
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    // jiti (which loads prisma.config.ts) caches the compiled config of a folder without
    // node_modules in <temp folder>/jiti, one file per scratch project that nothing removes.
    JITI_FS_CACHE: 'false',
  }
  // The tests are about the bridge: an engine set in the developer's shell must not replace it.
  delete env.PRISMA_SCHEMA_ENGINE_BINARY
  delete env.FORCE_COLOR
  return runProcess(process.execPath, ['--no-warnings', PRISMA_BIN, ...args], { cwd: options.cwd, env })
}

export type PrismaProject = {
  dir: string
  schemaPath: string
  migrationsDir: string
  /** Adds a migration folder with `sql` as its migration.sql. */
  addMigration(name: string, sql: string): void
  /** Rewrites the schema: `edit` receives the current text. */
  editSchema(edit: (schema: string) => string): void
  [Symbol.dispose](): void
}

/**
 * A scratch folder of the run (removed with it, even if the run is killed) with a copy of prisma/
 * and a prisma.config.ts like the repository's.
 */
export function copyPrismaProject(): PrismaProject {
  const scratch = scratchDir('prisma')
  const dir = scratch.path
  cpSync(join(REPO_ROOT, 'prisma'), join(dir, 'prisma'), { recursive: true })
  // A plain object: `prisma/config` cannot be resolved from a folder outside the workspace.
  writeFileSync(
    join(dir, 'prisma.config.ts'),
    `export default {
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
}
`,
  )
  const schemaPath = join(dir, 'prisma/schema.prisma')
  const migrationsDir = join(dir, 'prisma/migrations')
  return {
    dir,
    schemaPath,
    migrationsDir,
    addMigration(name, sql) {
      mkdirSync(join(migrationsDir, name))
      writeFileSync(join(migrationsDir, name, 'migration.sql'), sql)
    },
    editSchema(edit) {
      writeFileSync(schemaPath, edit(readFileSync(schemaPath, 'utf8')))
    },
    [Symbol.dispose]() {
      scratch[Symbol.dispose]()
    },
  }
}

/** The schema change most tests use: an optional `nickname` on User. */
export const addNickname = (schema: string) =>
  schema.replace(/(\n\s+isVerified\s+Boolean[^\n]*)/, '$1\n  nickname     String?')
