// `pnpm test:merge [vitest options]`: checks that the blob reports form complete shard sets, then
// runs `vitest run --merge-reports` on them (one report, and one coverage report with --coverage.enabled).
// TEST_SHARDS and TEST_MERGE_LABELS (space-separated) state what CI's matrix produced.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { BlobSetError, checkBlobSet } from './blob-set.ts'

const DEFAULT_BLOB_DIR = '.vitest/blob'
const VITEST = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')

/** Splits `--merge-reports[=dir]` off the arguments; the rest go to Vitest unchanged. */
function blobDirectory(args: string[]): { dir: string; rest: string[] } {
  const rest: string[] = []
  let dir = DEFAULT_BLOB_DIR
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg.startsWith('--merge-reports=')) dir = arg.slice('--merge-reports='.length)
    else if (arg === '--merge-reports' && args[i + 1] && !args[i + 1]?.startsWith('-'))
      dir = args[++i] as string
    else if (arg !== '--merge-reports') rest.push(arg)
  }
  return { dir, rest }
}

const { dir, rest } = blobDirectory(process.argv.slice(2))
const shards = process.env.TEST_SHARDS ? Number(process.env.TEST_SHARDS) : undefined
const labels = process.env.TEST_MERGE_LABELS?.split(/\s+/).filter(Boolean)
let files: string[]
try {
  files = readdirSync(resolve(dir))
} catch {
  console.error(
    `test:merge: no blob reports in ${dir}. Run the shards first: pnpm test --shard=1/3 --reporter=blob (and 2/3, 3/3).`,
  )
  process.exit(1)
}
let counts: Map<string, number>
try {
  counts = checkBlobSet(files, { shards, labels })
} catch (error) {
  if (!(error instanceof BlobSetError)) throw error
  console.error(`test:merge: ${error.message}`)
  process.exit(1)
}
const legs = [...counts].map(([label, count]) => `${label || 'unlabelled'} (${count} shards)`).join(', ')
console.log(`test:merge: ${files.length} blob reports in ${dir}: ${legs}`)
const merged = spawnSync(process.execPath, [VITEST, 'run', `--merge-reports=${dir}`, ...rest], {
  stdio: 'inherit',
})
process.exit(merged.status ?? 1)
