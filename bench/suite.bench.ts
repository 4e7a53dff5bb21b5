// suite.*: whole test runs as users see them, each a child process from start to exit (its own
// PostgreSQL included), with the kit's provider variables unset so it runs as from a fresh shell.
// - suite.api.2workers / .1worker: the API suite (`vitest run --project api`), wall time;
// - suite.api.pertest: the median warm test of the 1-worker run (the first test of each file
//   left out: it pays the file's start), fixtures and hooks included, from Vitest's JSON report;
// - *.cpu: user + system CPU of a run and all its processes (GNU time), which moves less with
//   the machine's other load than wall time;
// - suite.seedstyle (+ .pertest): the same API test files on the seed-style harness
//   (bench/seedstyle: one shared database, committing factories, TRUNCATE before each test, the
//   app built per test, Vitest's defaults: one worker, a fresh module graph per file);
// - suite.repo.2workers: the whole `pnpm test`;
// - suite.worker: the worker app's suite (`vitest run --project worker`), in quick runs too.
// Full runs only but suite.worker (each is a whole suite); `--only suite` runs just these.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import { type BenchContext, type BenchResult, quantile, runChild } from './lib.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SEEDSTYLE_CONFIG = fileURLToPath(new URL('./seedstyle/vitest.config.ts', import.meta.url))

/** "Tests  1 failed | 347 passed (349)" → that line, without colours. */
function testSummary(output: string): string {
  const plain = stripVTControlCharacters(output)
  return plain.match(/^\s*Tests\s+(.+)$/m)?.[1]?.trim() ?? 'no summary line'
}

type JsonReport = {
  testResults: { assertionResults: { status: string; duration?: number | null }[] }[]
}

/** Durations (ms) of every test but the first of its file, from Vitest's JSON report. */
function warmTests(file: string): number[] {
  const report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport
  return report.testResults.flatMap((module) =>
    module.assertionResults
      .filter((test) => test.status === 'passed' || test.status === 'failed')
      .slice(1)
      .map((test) => test.duration ?? 0),
  )
}

type SuiteRun = {
  seconds: number
  /** User + system CPU of the run and every process it waited for (GNU time), if available. */
  cpuSeconds: number | undefined
  code: number | null
  summary: string
  warm: number[]
}

const GNU_TIME = '/usr/bin/time'
const CPU_LINE = /^tk-cpu (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/m

async function runSuite(ctx: BenchContext, label: string, args: string[]): Promise<SuiteRun> {
  const env = { ...process.env }
  for (const key of ['TEST_DB_PROVIDER', 'TEST_DATABASE_URL', 'TEST_PG_IMAGE']) delete env[key]
  const dir = mkdtempSync(join(tmpdir(), 'tk-bench-suite-'))
  const report = join(dir, 'report.json')
  try {
    const command = [
      'pnpm',
      'exec',
      'vitest',
      'run',
      ...args,
      '--reporter=dot',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ]
    // CPU time does not depend on what else the machine runs as much as wall time does.
    const timed = existsSync(GNU_TIME)
    const out = timed
      ? await runChild(GNU_TIME, ['-f', 'tk-cpu %U %S', ...command], { cwd: ROOT, env, timeoutMs: 1_200_000 })
      : await runChild(command[0] as string, command.slice(1), { cwd: ROOT, env, timeoutMs: 1_200_000 })
    const cpu = CPU_LINE.exec(out.stderr)
    const cpuSeconds = cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined
    const summary = testSummary(`${out.stdout}\n${out.stderr}`)
    let warm: number[] = []
    try {
      warm = warmTests(report)
    } catch {
      ctx.note(`${label}: no JSON report (exit ${out.code})`)
    }
    const seconds = out.wallMs / 1000
    const cpuText = cpuSeconds === undefined ? '' : `, ${cpuSeconds.toFixed(1)} s CPU`
    ctx.log(`${label}: ${seconds.toFixed(1)} s${cpuText}, exit ${out.code}, tests: ${summary}`)
    return { seconds, cpuSeconds, code: out.code, summary, warm }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const outcome = (run: SuiteRun) =>
  run.code === 0 ? `passed: ${run.summary}` : `exit ${run.code}: ${run.summary}`

export default async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  const worker = await runSuite(ctx, 'suite.worker', ['--project', 'worker'])
  results.push({
    id: 'suite.worker',
    what: `the worker suite, \`vitest run --project worker\`, wall time (${outcome(worker)})`,
    unit: 's',
    samples: [worker.seconds],
  })
  if (ctx.quick) {
    ctx.note('suite.api.*, suite.seedstyle*, suite.repo.*: skipped in a quick run (each is a whole test run)')
    return results
  }
  const cpu = (id: string, what: string, run: SuiteRun) => {
    if (run.cpuSeconds !== undefined) results.push({ id, what, unit: 's', samples: [run.cpuSeconds] })
  }
  const api2 = await runSuite(ctx, 'suite.api.2workers', ['--project', 'api', '--maxWorkers=2'])
  results.push({
    id: 'suite.api.2workers',
    what: `the API suite, \`vitest run --project api --maxWorkers=2\` (the default here), wall time (${outcome(api2)})`,
    unit: 's',
    samples: [api2.seconds],
  })
  cpu('suite.api.2workers.cpu', 'CPU time (user + system, every process) of the 2-worker API run', api2)
  const api1 = await runSuite(ctx, 'suite.api.1worker', ['--project', 'api', '--maxWorkers=1'])
  results.push(
    {
      id: 'suite.api.1worker',
      what: `the API suite with one worker, wall time (${outcome(api1)})`,
      unit: 's',
      samples: [api1.seconds],
    },
    {
      // From the one-worker run, so it compares with the seed style's (one worker too): with two
      // workers each test also waits for the other worker's CPU.
      id: 'suite.api.pertest',
      what: `a warm API test (not the first of its file), fixtures and hooks included: the median of the 1-worker run (${api1.warm.length} tests)`,
      unit: 'ms',
      samples: api1.warm,
    },
  )
  const seed = await runSuite(ctx, 'suite.seedstyle', ['--config', SEEDSTYLE_CONFIG])
  results.push(
    {
      id: 'suite.seedstyle',
      what: `the same API test files the seed-style way (bench/seedstyle, less the 4 query-budget tests: one shared database, committing factories, TRUNCATE before each test, app per test, one worker), wall time (${outcome(seed)})`,
      unit: 's',
      samples: [seed.seconds],
    },
    {
      id: 'suite.seedstyle.pertest',
      what: `a warm test of the seed-style run: the median (${seed.warm.length} tests)`,
      unit: 'ms',
      samples: seed.warm,
    },
  )
  cpu('suite.seedstyle.cpu', 'CPU time (user + system, every process) of the seed-style run', seed)
  const repo = await runSuite(ctx, 'suite.repo.2workers', ['--maxWorkers=2'])
  results.push(
    {
      id: 'suite.repo.2workers',
      what: `the whole \`pnpm test\` (every project), 2 workers, wall time (${outcome(repo)})`,
      unit: 's',
      samples: [repo.seconds],
    },
    {
      id: 'suite.apps.2workers',
      what: 'the same run as suite.repo.2workers, under the id earlier results used',
      unit: 's',
      samples: [repo.seconds],
    },
  )
  cpu('suite.repo.2workers.cpu', 'CPU time (user + system, every process) of the whole run', repo)
  const median = (samples: number[]) => (samples.length > 0 ? quantile(samples, 0.5) : Number.NaN)
  ctx.log(
    `per warm test: kit ${median(api2.warm).toFixed(1)} ms, seed style ${median(seed.warm).toFixed(1)} ms`,
  )
  return results
}
