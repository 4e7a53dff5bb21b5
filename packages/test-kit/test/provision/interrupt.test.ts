// An interrupted run leaves nothing behind and prints no stack trace, wherever it is stopped —
// while its server starts or initdb creates its cluster, while the template builds, while a test's
// app server or `pnpm dev` runs, during the Prisma CLI tests, during teardown — and however: SIGINT to its whole
// process group (a terminal's Ctrl-C), SIGTERM to the Vitest process, SIGKILL (the run's watchdog
// ends the rest, or the next run when the watchdog is killed too). Each case interrupts a small
// child run of its own; the next run is started in this process (startTestServer, as the
// globalSetup starts a run).
import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { scratchDir, type TrackedProcess } from '../../src/index.ts'
import { readSettings } from '../../src/provision/settings.ts'
import { startTestServer } from '../../src/provision/test-server.ts'
import { eventually, startChildRun } from './child-run/run-child.ts'

const CHILD_RUN = fileURLToPath(new URL('./child-run/vitest.config.ts', import.meta.url))
const SCENARIOS = fileURLToPath(new URL('./interrupt-run/vitest.config.ts', import.meta.url))
const DB_PACKAGE = fileURLToPath(new URL('../../../db', import.meta.url))
const MIGRATIONS = fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url))
/** In the environment of every process a child run starts (PostgreSQL, a test's server, a CLI). */
const MARK = 'TK_INTERRUPT_MARK'
/** What a crash prints: Node's unhandled 'error' event, an unhandled rejection, a stack frame. */
const STACK_TRACE = /Unhandled|throw er;|^\s+at .+:\d+:\d+\)?$/m
// Generous: on a loaded 2-CPU machine a child run may take a minute to reach a point.
const WAIT_MS = 240_000

type MarkedRun = { vitest: TrackedProcess; state: string; tmp: string; mark: string }
type RunOptions = { config: string; args?: string[]; env?: Record<string, string> }

/** A child run with a state root and a temp folder of its own, its processes marked. */
function startMarkedRun(work: string, options: RunOptions): MarkedRun {
  const state = join(work, 'state')
  const tmp = join(work, 'tmp')
  mkdirSync(state, { mode: 0o755 })
  mkdirSync(tmp)
  const mark = randomBytes(6).toString('hex')
  const env = {
    TEST_DB_PROVIDER: 'embedded',
    TEST_KIT_STATE_DIR: state,
    TMPDIR: tmp,
    [MARK]: mark,
    ...options.env,
  }
  return { vitest: startChildRun(env, options.config, options.args), state, tmp, mark }
}

/** Live processes of the run: those with its mark, and those naming its folders (PostgreSQL). */
function processesOf(run: MarkedRun): string[] {
  const found: string[] = []
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue
    try {
      if (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z')) continue
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')
      if (env.includes(`${MARK}=${run.mark}`) || cmd.includes(run.state) || cmd.includes(run.tmp)) {
        found.push(`${pid} ${cmd}`)
      }
    } catch {
      // Gone while we looked.
    }
  }
  return found
}

/** PostgreSQL's shared memory segments (a server or an initdb ended abruptly leaves its own). */
const SHARED_MEMORY = '/dev/shm'
const segments = () =>
  existsSync(SHARED_MEMORY) ? readdirSync(SHARED_MEMORY).filter((name) => name.startsWith('PostgreSQL.')) : []
/** Those of other servers on the machine: each run's new ones are its own (the kit's are in files). */
const segmentsBefore = new Set(segments())

const leftovers = (run: MarkedRun) => ({
  processes: processesOf(run),
  folders: [
    ...readdirSync(run.state).map((name) => `state/${name}`),
    ...readdirSync(run.tmp),
    ...segments()
      .filter((name) => !segmentsBefore.has(name))
      .map((name) => join(SHARED_MEMORY, name)),
  ],
})

async function expectNothingLeft(run: MarkedRun): Promise<void> {
  const gone = await eventually(() => {
    const left = leftovers(run)
    return left.processes.length === 0 && left.folders.length === 0
  }, 120_000)
  expect(gone, `left behind: ${JSON.stringify(leftovers(run), null, 2)}\n${run.vitest.output}`).toBe(true)
}

async function until(what: string, check: () => boolean, run: MarkedRun): Promise<void> {
  if (!(await eventually(check, WAIT_MS))) throw new Error(`never ${what}:\n${run.vitest.output}`)
}

/** The project's migrations plus one that takes a minute: a template build to interrupt. */
function slowMigrations(work: string): string {
  const dir = join(work, 'migrations')
  cpSync(MIGRATIONS, dir, { recursive: true })
  mkdirSync(join(dir, '29990101000000_slow'))
  writeFileSync(join(dir, '29990101000000_slow', 'migration.sql'), 'SELECT pg_sleep(60);')
  return dir
}

type Point = {
  title: string
  options(work: string): RunOptions
  /** Resolves once the run is where it is to be interrupted. */
  reached(run: MarkedRun): Promise<unknown>
}

const serverStarting: Point = {
  title: 'while its server starts',
  options: () => ({ config: CHILD_RUN }),
  reached: (run) => until('made its folder', () => readdirSync(run.state).length > 0, run),
}
const clusterCreating: Point = {
  title: 'while initdb creates its cluster',
  // No cache: the server starts from initdb, not from a cached cluster.
  options: () => ({ config: CHILD_RUN, env: { TEST_KIT_CACHE_DIR: 'off' } }),
  reached: (run) =>
    until(
      'ran initdb',
      () => readdirSync(run.state).some((name) => existsSync(join(run.state, name, 'data'))),
      run,
    ),
}
const templateBuilding: Point = {
  title: 'while its template builds',
  options: (work) => ({ config: CHILD_RUN, env: { TEST_MIGRATIONS_DIR: slowMigrations(work) } }),
  reached: (run) => run.vitest.waitForOutput('[tenantkit] database: embedded', WAIT_MS),
}
const appServer: Point = {
  title: "while a test's app server runs",
  options: () => ({ config: SCENARIOS, env: { CHILD_SCENARIO: 'server' } }),
  reached: (run) => run.vitest.waitForOutput('child: app server ready', WAIT_MS),
}
const pnpmDev: Point = {
  title: 'while a test runs `pnpm dev`',
  options: () => ({ config: SCENARIOS, env: { CHILD_SCENARIO: 'pnpm-dev' } }),
  reached: (run) => run.vitest.waitForOutput('child: pnpm dev ready', WAIT_MS),
}
const cliTests: Point = {
  title: 'during the Prisma CLI tests',
  options: () => ({
    config: join(DB_PACKAGE, 'vitest.config.ts'),
    args: ['--root', DB_PACKAGE, 'test/migrate-dev.test.ts'],
  }),
  reached: (run) =>
    until('ran the CLI', () => processesOf(run).some((cmd) => cmd.includes('tenantkit-prisma.js')), run),
}
const teardown: Point = {
  title: 'during teardown',
  options: () => ({ config: SCENARIOS, env: { CHILD_SCENARIO: 'leak' } }),
  reached: (run) => run.vitest.waitForOutput('[tenantkit] stopping 1 process group', WAIT_MS),
}

// Each case has its own child run, state root, temp folder and mark, and looks only at those: they
// run side by side (the CPU the child runs spend is the same, the waits overlap).
describe('an interrupted run', { timeout: 600_000, concurrent: true }, () => {
  const cases = [
    ['SIGINT', serverStarting],
    ['SIGINT', clusterCreating],
    ['SIGTERM', clusterCreating],
    ['SIGINT', templateBuilding],
    ['SIGINT', appServer],
    ['SIGINT', pnpmDev],
    ['SIGINT', cliTests],
    ['SIGINT', teardown],
    ['SIGTERM', appServer],
  ] as const
  test.for(cases.map(([signal, point]) => [signal, point.title, point] as const))(
    '%s %s leaves nothing and prints no stack trace',
    async ([signal, , point]) => {
      using work = scratchDir('interrupt')
      const run = startMarkedRun(work.path, point.options(work.path))
      await using _vitest = run.vitest
      await point.reached(run)
      // As a terminal does: Ctrl-C signals the whole foreground process group.
      if (signal === 'SIGINT') process.kill(-run.vitest.pid, signal)
      else process.kill(run.vitest.pid, signal)
      const exit = await run.vitest.exited
      expect(exit.code !== 0 || exit.signal !== null, run.vitest.output).toBe(true)
      expect(run.vitest.output).not.toMatch(STACK_TRACE)
      await expectNothingLeft(run)
    },
  )

  test("killed with SIGKILL while a test's app server runs: the watchdog ends the rest", async () => {
    using work = scratchDir('interrupt')
    const run = startMarkedRun(work.path, appServer.options(work.path))
    await using _vitest = run.vitest
    await appServer.reached(run)
    process.kill(run.vitest.pid, 'SIGKILL')
    await run.vitest.exited
    await expectNothingLeft(run)
  })

  test('killed with SIGKILL together with its watchdog: the next run ends the rest', async () => {
    using work = scratchDir('interrupt')
    const run = startMarkedRun(work.path, appServer.options(work.path))
    await using _vitest = run.vitest
    await appServer.reached(run)
    // The state an OOM kill of the whole process tree but PostgreSQL and the app leaves.
    for (const line of processesOf(run))
      if (line.includes('tenantkit-watchdog ')) process.kill(Number.parseInt(line, 10), 'SIGKILL')
    process.kill(run.vitest.pid, 'SIGKILL')
    await run.vitest.exited
    const orphans = leftovers(run)
    expect(
      orphans.processes.some((cmd) => cmd.includes('app-server.ts')),
      JSON.stringify(orphans),
    ).toBe(true)
    expect(orphans.folders).toHaveLength(1)

    // The next run on the machine, as the globalSetup starts one: its start ends the dead run's
    // processes and removes its folder; its own end removes its own.
    const next = await startTestServer({
      migrationsDir: MIGRATIONS,
      settings: readSettings({ TEST_DB_PROVIDER: 'embedded', TEST_KIT_STATE_DIR: run.state }),
      log: () => {},
    })
    await next.stop()
    await expectNothingLeft(run)
  })
})
