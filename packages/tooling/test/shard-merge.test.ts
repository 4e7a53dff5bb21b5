// CI splits the suite into shards (`pnpm test --shard=i/n --reporter=blob`) and merges the blobs
// (`pnpm test:merge`). Here a small suite of two projects, one on the kit's PostgreSQL, goes the same
// way, and the merged report must hold every test of an unsharded run exactly once.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, expect, inject, test } from 'vitest'

const SUITE = new URL('./fixtures/sharded-suite/', import.meta.url).pathname
const MERGE = new URL('../src/merge-reports.ts', import.meta.url).pathname
const VITEST = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')
const SHARDS = 3

const out = mkdtempSync(join(tmpdir(), 'tk-shard-merge-'))
const children = new Set<ChildProcess>()
afterAll(() => {
  // A test that timed out leaves its runs going: stop them before their folder goes.
  for (const child of children) child.kill('SIGKILL')
  rmSync(out, { recursive: true, force: true })
})

type JsonReport = {
  numTotalTests: number
  numFailedTests: number
  testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[]
}

/** Runs node with `args` in the small suite's folder; resolves with its output, rejects on failure. */
function run(args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: SUITE,
      env: {
        ...process.env,
        // This run's server as an external one: the four runs clone the template this run built
        // (same migrations) instead of each starting a PostgreSQL of its own.
        TEST_DB_PROVIDER: 'external',
        TEST_DATABASE_URL: inject('tenantkit').adminUrl,
        ...env,
        SHARDED_SUITE_CACHE_DIR: join(out, 'cache'),
        FORCE_COLOR: '0',
      },
    })
    children.add(child)
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      children.delete(child)
      if (code === 0) resolve(output)
      else reject(new Error(`exit ${code}:\n${output}`))
    })
  })
}

function report(name: string): JsonReport {
  return JSON.parse(readFileSync(join(out, name), 'utf8')) as JsonReport
}

/** Every test as "file › full name", in order. */
function testIds(json: JsonReport): string[] {
  return json.testResults
    .flatMap((file) =>
      file.assertionResults.map((result) => `${file.name.slice(SUITE.length)} › ${result.fullName}`),
    )
    .sort()
}

test(`${SHARDS} shards merged hold every test of the suite exactly once`, { timeout: 240_000 }, async () => {
  const shardIndexes = Array.from({ length: SHARDS }, (_, i) => i + 1)
  // allSettled: every child is done (and done writing into `out`) before anything is asserted.
  const runs = await Promise.allSettled([
    run([VITEST, 'run', '--reporter=dot', '--reporter=json', `--outputFile.json=${join(out, 'whole.json')}`]),
    // As CI's shards run, with the file names the blob reporter gives itself (blob-<i>-<n>.json).
    ...shardIndexes.map((i) =>
      run([
        VITEST,
        'run',
        `--shard=${i}/${SHARDS}`,
        '--reporter=dot',
        '--reporter=blob',
        `--outputFile.blob=${join(out, 'blob', `blob-${i}-${SHARDS}.json`)}`,
        '--reporter=json',
        `--outputFile.json=${join(out, `shard-${i}.json`)}`,
      ]),
    ),
  ])
  for (const result of runs) if (result.status === 'rejected') throw result.reason
  const merged = await run(
    [
      MERGE,
      `--merge-reports=${join(out, 'blob')}`,
      '--reporter=json',
      `--outputFile.json=${join(out, 'merged.json')}`,
    ],
    { TEST_SHARDS: String(SHARDS) },
  )
  expect(merged).toContain(`${SHARDS} blob reports`)

  const whole = testIds(report('whole.json'))
  const shards = shardIndexes.map((i) => report(`shard-${i}.json`))
  const mergedReport = report('merged.json')
  // Each shard ran some files, no file ran in two shards, and together they ran them all.
  const shardFiles = shards.map((shard) => shard.testResults.map((file) => file.name))
  for (const files of shardFiles) expect(files.length).toBeGreaterThan(0)
  expect(new Set(shardFiles.flat()).size).toBe(shardFiles.flat().length)
  expect(whole.length).toBeGreaterThanOrEqual(10)
  // The merged report: every test once, all passed, nothing more.
  expect(testIds(mergedReport)).toEqual(whole)
  expect(new Set(testIds(mergedReport)).size).toBe(whole.length)
  expect(mergedReport).toMatchObject({ numTotalTests: whole.length, numFailedTests: 0 })
})

test('the merge refuses an incomplete set of shards and names the missing one', {
  timeout: 60_000,
}, async () => {
  const partial = join(out, 'partial')
  mkdirSync(partial)
  for (const i of [1, 3]) writeFileSync(join(partial, `blob-${i}-${SHARDS}.json`), '[]')
  await expect(run([MERGE, `--merge-reports=${partial}`])).rejects.toThrow(/has no shard 2\/3/)
  await expect(run([MERGE, `--merge-reports=${join(out, 'nothing-here')}`])).rejects.toThrow(
    /no blob reports in/,
  )
})
