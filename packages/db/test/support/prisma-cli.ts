// Runs the Prisma CLI as `pnpm prisma` does (bin/prisma.ts → Wasm bridge), in a throwaway copy of
// the project's prisma/ folder so tests can add migrations and edit the schema freely.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ProcessResult, runProcess } from './run-process.ts'

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const PRISMA_BIN = join(REPO_ROOT, 'packages/db/bin/prisma.ts')

export type CliResult = ProcessResult

/** `output` of a result, for assertion messages. */
export const describeRun = (result: CliResult) =>
  `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`

/** Runs `prisma <args>` in `cwd` with DATABASE_URL set; never rejects on a non-zero exit. */
export function runPrisma(args: string[], options: { cwd: string; databaseUrl: string }): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    NO_COLOR: '1',
    // Offline: no update check, no telemetry call.
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
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

/** A temp folder with a copy of prisma/ and a prisma.config.ts like the repository's. */
export function copyPrismaProject(): PrismaProject {
  const dir = mkdtempSync(join(tmpdir(), 'tk-prisma-'))
  cpSync(join(REPO_ROOT, 'prisma'), join(dir, 'prisma'), { recursive: true })
  // The schema's data-model generator is `node packages/factories/bin/…`, run from the project.
  mkdirSync(join(dir, 'packages'))
  symlinkSync(join(REPO_ROOT, 'packages/factories'), join(dir, 'packages/factories'))
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
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The schema change most tests use: an optional `nickname` on User. */
export const addNickname = (schema: string) =>
  schema.replace(/(\n\s+isVerified\s+Boolean[^\n]*)/, '$1\n  nickname     String?')
