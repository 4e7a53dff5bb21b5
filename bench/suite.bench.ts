// suite.apps.*: wall time of the whole `pnpm test` (every project, its own PostgreSQL, start to
// exit) with one and with two Vitest workers, each a child process. Full runs only: a suite run
// takes minutes. The kit's provider variables are unset for it, so it runs as from a fresh shell
// even when the bench itself was started with TEST_DB_PROVIDER / TEST_PG_IMAGE.
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import { type BenchContext, type BenchResult, runChild } from './lib.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** "Tests  1 failed | 347 passed (349)" → that line, without colours. */
function testSummary(output: string): string {
  const plain = stripVTControlCharacters(output)
  return plain.match(/^\s*Tests\s+(.+)$/m)?.[1]?.trim() ?? 'no summary line'
}

export default async function run(ctx: BenchContext): Promise<BenchResult[]> {
  if (ctx.quick) {
    ctx.note('suite.apps.*: skipped in a quick run (each is a whole `pnpm test`)')
    return []
  }
  const env = { ...process.env }
  for (const key of ['TEST_DB_PROVIDER', 'TEST_DATABASE_URL', 'TEST_PG_IMAGE']) delete env[key]
  const results: BenchResult[] = []
  for (const workers of [1, 2]) {
    const id = `suite.apps.${workers}worker${workers === 1 ? '' : 's'}`
    const out = await runChild('pnpm', ['test', `--maxWorkers=${workers}`], {
      cwd: ROOT,
      env,
      timeoutMs: 900_000,
    })
    const summary = testSummary(`${out.stdout}\n${out.stderr}`)
    const seconds = out.wallMs / 1000
    ctx.log(`${id}: ${seconds.toFixed(1)} s, exit ${out.code}, tests: ${summary}`)
    results.push({
      id,
      what: `whole \`pnpm test --maxWorkers=${workers}\`, wall time (${out.code === 0 ? 'passed' : `exit ${out.code}`}: ${summary})`,
      unit: 's',
      samples: [seconds],
    })
  }
  return results
}
