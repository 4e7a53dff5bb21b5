// suite.apps.*: wall time of the whole `pnpm test` (every project, its own PostgreSQL, start to
// exit) with one and with two Vitest workers, each a child process. Full runs only: a suite run
// takes minutes. suite.worker: the worker app's suite alone (`pnpm vitest run --project worker`),
// in quick runs too. The kit's provider variables are unset for them, so they run as from a fresh
// shell even when the bench itself was started with TEST_DB_PROVIDER / TEST_PG_IMAGE.
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import { type BenchContext, type BenchResult, runChild } from './lib.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** "Tests  1 failed | 347 passed (349)" → that line, without colours. */
function testSummary(output: string): string {
  const plain = stripVTControlCharacters(output)
  return plain.match(/^\s*Tests\s+(.+)$/m)?.[1]?.trim() ?? 'no summary line'
}

/** One run of `pnpm <args>` as a suite sample: its wall time in seconds and how it ended. */
async function suiteRun(
  ctx: BenchContext,
  id: string,
  what: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<BenchResult> {
  const out = await runChild('pnpm', args, { cwd: ROOT, env, timeoutMs: 900_000 })
  const summary = testSummary(`${out.stdout}\n${out.stderr}`)
  const seconds = out.wallMs / 1000
  ctx.log(`${id}: ${seconds.toFixed(1)} s, exit ${out.code}, tests: ${summary}`)
  return {
    id,
    what: `${what}, wall time (${out.code === 0 ? 'passed' : `exit ${out.code}`}: ${summary})`,
    unit: 's',
    samples: [seconds],
  }
}

export default async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const env = { ...process.env }
  for (const key of ['TEST_DB_PROVIDER', 'TEST_DATABASE_URL', 'TEST_PG_IMAGE']) delete env[key]
  const results: BenchResult[] = [
    await suiteRun(
      ctx,
      'suite.worker',
      'the worker suite, `pnpm vitest run --project worker`',
      ['vitest', 'run', '--project', 'worker'],
      env,
    ),
  ]
  if (ctx.quick) {
    ctx.note('suite.apps.*: skipped in a quick run (each is a whole `pnpm test`)')
    return results
  }
  for (const workers of [1, 2]) {
    const id = `suite.apps.${workers}worker${workers === 1 ? '' : 's'}`
    const args = ['test', `--maxWorkers=${workers}`]
    results.push(await suiteRun(ctx, id, `whole \`pnpm test --maxWorkers=${workers}\``, args, env))
  }
  return results
}
