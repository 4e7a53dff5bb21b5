// `tenantkit-check` (bin/tenantkit-check.js, `pnpm db:check`): does a migrations folder produce its
// schema? Run as a user runs it, a process of its own in the project's folder, on the throwaway
// PostgreSQL it starts itself; each run gets a state folder of its own, so what it leaves behind
// (a server, a data folder) is seen.
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { runTracked, scratchDir, spawnTracked, type TrackedResult } from '../../src/index.ts'

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const CHECK = fileURLToPath(new URL('../../bin/tenantkit-check.js', import.meta.url))

/** The environment of a check: the embedded PostgreSQL whatever this run uses, a state folder of its own. */
function checkEnv(state: string, env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TEST_DB_PROVIDER: undefined,
    TEST_DATABASE_URL: undefined,
    DATABASE_URL: undefined,
    TEST_KIT_STATE_DIR: state,
    NO_COLOR: '1',
    ...env,
  }
}

function runCheck(cwd: string, state: string, args: string[] = []): Promise<TrackedResult> {
  return runTracked(process.execPath, [CHECK, ...args], { cwd, env: checkEnv(state) })
}

const describeRun = (result: TrackedResult) =>
  `exit ${result.code ?? result.signal}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`

/** Live processes naming `dir` on their command line: a PostgreSQL serves its data folder from there. */
function processesIn(dir: string): string[] {
  const found: string[] = []
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue
    try {
      if (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z')) continue
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
      if (cmd.includes(dir)) found.push(`${pid} ${cmd}`)
    } catch {
      // Gone while we looked.
    }
  }
  return found
}

/** What a finished check left: processes and folders under its state folder (none, when all is well). */
const leftovers = (state: string) => ({
  processes: processesIn(state),
  folders: existsSync(state) ? readdirSync(state) : [],
})

/**
 * What is left once the run's watchdog is done: when the check exits, its watchdog reads the end of
 * its pipe and runs the run's cleanup, a moment later on a loaded machine. Polled until nothing is
 * left or 15 s pass, then reported as it is (the property is that nothing stays, not how fast).
 */
async function settled(state: string) {
  for (let waited = 0; waited < 15_000; waited += 50) {
    const left = leftovers(state)
    if (left.processes.length === 0 && left.folders.length === 0) return left
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return leftovers(state)
}

/** A copy of the repository's prisma/ folder, with a config that names its URL its own way. */
function project() {
  const scratch = scratchDir('check')
  cpSync(join(REPO_ROOT, 'prisma'), join(scratch.path, 'prisma'), { recursive: true })
  // A plain object (`prisma/config` is not resolvable outside the workspace); a URL that leads
  // nowhere: the check must not use the project's database.
  writeFileSync(
    join(scratch.path, 'prisma.config.ts'),
    `export default {
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.APP_DB_URL ?? 'postgresql://nobody@127.0.0.1:1/app' },
}
`,
  )
  const state = scratchDir('check-state')
  return {
    dir: scratch.path,
    state: state.path,
    [Symbol.dispose]() {
      scratch[Symbol.dispose]()
      state[Symbol.dispose]()
    },
  }
}

describe('tenantkit-check', { timeout: 120_000 }, () => {
  test('exits 0 when the migrations and the schema agree (this repository, as pnpm db:check runs it)', async () => {
    using state = scratchDir('check-state')
    const result = await runCheck(REPO_ROOT, state.path)

    expect(result.code, describeRun(result)).toBe(0)
    expect(result.stderr).toMatch(
      /the migrations in prisma\/migrations \(\d+ migrations?\) and the schema prisma\/schema\.prisma agree \(embedded PostgreSQL, [\d.]+ s\)/,
    )
    expect(result.stdout).toBe('')
    expect(await settled(state.path)).toEqual({ processes: [], folders: [] })
  })

  test('exits 2 with the SQL the migrations lack when the schema has a column they do not', async () => {
    using work = project()
    const schema = join(work.dir, 'prisma/schema.prisma')
    writeFileSync(
      schema,
      readFileSync(schema, 'utf8').replace(/(\n\s+isVerified\s+Boolean[^\n]*)/, '$1\n  nickname     String?'),
    )

    const result = await runCheck(work.dir, work.state)

    expect(result.code, describeRun(result)).toBe(2)
    expect(result.stdout).toContain('ALTER TABLE "users" ADD COLUMN     "nickname" TEXT;')
    expect(result.stderr).toContain('do not agree')
    expect(result.stderr).toContain('make it a migration')
    expect(await settled(work.state)).toEqual({ processes: [], folders: [] })
  })

  test('exits 1 naming the setting and the fix when the migrations folder is missing, before any server starts', async () => {
    using work = project()
    renameSync(join(work.dir, 'prisma/migrations'), join(work.dir, 'prisma/old-migrations'))

    const result = await runCheck(work.dir, work.state)

    expect(result.code, describeRun(result)).toBe(1)
    expect(result.stderr).toContain(
      "No migrations folder at prisma/migrations (prisma.config.ts's `migrations.path`). Create the first migration (npx tenantkit-prisma migrate dev --name init), or point `migrations.path` in prisma.config.ts (or --migrations <dir>) at your migrations folder.",
    )
    expect(result.stdout).toBe('')
    expect(await settled(work.state)).toEqual({ processes: [], folders: [] })

    const flagged = await runCheck(work.dir, work.state, ['--migrations', 'prisma/old-migrations'])
    expect(flagged.code, describeRun(flagged)).toBe(0)
  })

  test('exits 1 when no schema is found, naming where it looked', async () => {
    using empty = scratchDir('check-empty')
    using state = scratchDir('check-state')
    const result = await runCheck(empty.path, state.path)

    expect(result.code, describeRun(result)).toBe(1)
    expect(result.stderr).toContain(
      `No Prisma schema found: no prisma.config.ts was found, and neither schema.prisma nor prisma/schema.prisma exists in ${empty.path}. Set \`schema\` in prisma.config.ts, or pass --schema <path>.`,
    )
  })

  test('--help prints the usage and exits 0; an unknown option exits 1 with it', async () => {
    using state = scratchDir('check-state')
    const help = await runCheck(REPO_ROOT, state.path, ['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: tenantkit-check \[--schema <path>\]/)
    expect(help.stdout).toContain('2    they do not')

    const unknown = await runCheck(REPO_ROOT, state.path, ['--schmea', 'x'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain("Unknown option '--schmea'")
  })

  test('a Ctrl-C while its PostgreSQL runs stops the server and leaves nothing behind', async () => {
    using state = scratchDir('check-state')
    const check = spawnTracked(process.execPath, [CHECK], { cwd: REPO_ROOT, env: checkEnv(state.path) })
    // Its PostgreSQL serves a data folder under the state folder: interrupt once it is up.
    const deadline = Date.now() + 60_000
    while (!processesIn(state.path).some((cmd) => cmd.includes('/data'))) {
      if (Date.now() > deadline) throw new Error(`no PostgreSQL started\n${check.output}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    // As a terminal does: SIGINT to the whole process group.
    process.kill(-check.pid, 'SIGINT')
    const exit = await check.exited

    expect(exit.code, check.output).toBe(130)
    expect(check.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
    expect(await settled(state.path)).toEqual({ processes: [], folders: [] })
  })
})
