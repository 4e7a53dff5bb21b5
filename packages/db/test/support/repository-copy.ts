// A throwaway copy of the repository (the files git does not ignore; node_modules and the generated
// client linked, not copied) in which a test can change the schema and the migrations and run Vitest.
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { REPO_ROOT } from './prisma-cli.ts'
import { type ProcessResult, runProcess } from './run-process.ts'

const VITEST = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')
/** Generated folders the copy links to instead of copying (every package's node_modules as well). */
const GENERATED = ['packages/db/src/generated', 'packages/test-kit/test/shop/generated']

export type VitestOutcome = ProcessResult & {
  /** Title → status ('passed', 'failed', 'skipped', …) of every test the run saw. */
  tests: Map<string, string>
}

export type ScratchRepository = {
  dir: string
  /** Adds prisma/migrations/<name>/migration.sql. */
  addMigration(name: string, sql: string): void
  /** Rewrites prisma/schema.prisma: `edit` receives the current text. */
  editSchema(edit: (schema: string) => string): void
  /** `vitest run <args>` in the copy, with `env` on top of this process's environment. */
  vitest(args: string[], env: NodeJS.ProcessEnv): Promise<VitestOutcome>
  [Symbol.dispose](): void
}

/** @example using repo = copyRepository(); repo.addMigration('29990101000000_x', sql); await repo.vitest([…], env) */
export function copyRepository(): ScratchRepository {
  const dir = mkdtempSync(join(tmpdir(), 'tk-repo-'))
  // As root the dev test's embedded PostgreSQL runs as `postgres`, which must reach its folder.
  chmodSync(dir, 0o755)
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  })
  const listed = files.split('\0').filter(Boolean)
  for (const file of listed) {
    if (!existsSync(join(REPO_ROOT, file))) continue // deleted in the working tree
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    cpSync(join(REPO_ROOT, file), join(dir, file))
  }
  const installed = listed
    .filter((file) => file === 'package.json' || file.endsWith('/package.json'))
    .map((file) => join(dirname(file), 'node_modules'))
  for (const linked of [...installed, ...GENERATED]) {
    if (existsSync(join(REPO_ROOT, linked))) symlinkSync(join(REPO_ROOT, linked), join(dir, linked))
  }
  const schemaPath = join(dir, 'prisma/schema.prisma')
  return {
    dir,
    addMigration(name, sql) {
      mkdirSync(join(dir, 'prisma/migrations', name))
      writeFileSync(join(dir, 'prisma/migrations', name, 'migration.sql'), sql)
    },
    editSchema(edit) {
      writeFileSync(schemaPath, edit(readFileSync(schemaPath, 'utf8')))
    },
    async vitest(args, env) {
      const report = join(dir, 'vitest-report.json')
      const result = await runProcess(
        process.execPath,
        [VITEST, 'run', '--reporter=json', `--outputFile=${report}`, ...args],
        { cwd: dir, env: { ...process.env, ...env, FORCE_COLOR: '0' } },
      )
      const tests = new Map<string, string>()
      if (existsSync(report)) {
        const parsed = JSON.parse(readFileSync(report, 'utf8')) as {
          testResults: { assertionResults: { title: string; status: string }[] }[]
        }
        for (const file of parsed.testResults) {
          for (const test of file.assertionResults) tests.set(test.title, test.status)
        }
      }
      return { ...result, tests }
    },
    [Symbol.dispose]() {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
