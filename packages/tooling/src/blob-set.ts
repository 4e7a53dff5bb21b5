// Which Vitest blob reports a merge is given, checked before merging: a missing shard or leg would
// otherwise give a smaller report that still passes.

/** One blob file as the blob reporter names it: `blob[-<label>][-<index>-<count>].json`. */
export type BlobName = { file: string; label: string; index: number; count: number }

export type BlobExpectation = {
  /** Every label must have this many shards (TEST_SHARDS in CI). */
  shards?: number
  /** Exactly these labels must be present (TEST_MERGE_LABELS in CI: the matrix legs). */
  labels?: readonly string[]
}

export class BlobSetError extends Error {
  override name = 'BlobSetError'
  readonly code = 'TK_BLOB_SET_INCOMPLETE'
}

const SHARDED = /^blob(?:-(.+))?-(\d+)-(\d+)\.json$/
const UNSHARDED = /^blob(?:-(.+))?\.json$/

/** Parses a blob file name; names that are not blob reports give undefined. */
export function parseBlobName(file: string): BlobName | undefined {
  const sharded = SHARDED.exec(file)
  if (sharded) return { file, label: sharded[1] ?? '', index: Number(sharded[2]), count: Number(sharded[3]) }
  const whole = UNSHARDED.exec(file)
  if (whole) return { file, label: whole[1] ?? '', index: 1, count: 1 }
  return undefined
}

/**
 * Checks that the files are complete shard sets: for each label, shards 1..n of one n, each once,
 * and, when given, the expected shard count and labels. Returns the labels with their shard count.
 * @example
 * checkBlobSet(['blob-1-3.json', 'blob-2-3.json', 'blob-3-3.json'], { shards: 3 }) // Map { '' => 3 }
 */
export function checkBlobSet(files: readonly string[], expected: BlobExpectation = {}): Map<string, number> {
  const problems: string[] = []
  const byLabel = new Map<string, BlobName[]>()
  for (const file of files) {
    const blob = parseBlobName(file)
    if (!blob) {
      problems.push(`${file} is not a blob report (blob[-label][-i-n].json)`)
      continue
    }
    byLabel.set(blob.label, [...(byLabel.get(blob.label) ?? []), blob])
  }
  if (files.length === 0) problems.push('there are no blob reports')
  const counts = new Map<string, number>()
  for (const [label, blobs] of byLabel) {
    const name = label ? `label "${label}"` : 'the unlabelled run'
    const shardCounts = [...new Set(blobs.map((blob) => blob.count))]
    if (shardCounts.length > 1) {
      problems.push(
        `${name} mixes shard counts ${shardCounts.join(' and ')} (a stale blob from another run?)`,
      )
      continue
    }
    const count = shardCounts[0] ?? 0
    counts.set(label, count)
    if (expected.shards !== undefined && count !== expected.shards) {
      problems.push(`${name} was split into ${count} shards, ${expected.shards} expected`)
    }
    for (let index = 1; index <= count; index++) {
      const found = blobs.filter((blob) => blob.index === index).length
      if (found === 0) problems.push(`${name} has no shard ${index}/${count}`)
    }
  }
  if (expected.labels) {
    const missing = expected.labels.filter((label) => !byLabel.has(label))
    const extra = [...byLabel.keys()].filter((label) => !expected.labels?.includes(label))
    if (missing.length) problems.push(`missing legs: ${missing.join(', ')}`)
    if (extra.length)
      problems.push(`unexpected legs: ${extra.map((label) => label || '(unlabelled)').join(', ')}`)
  }
  if (problems.length) {
    throw new BlobSetError(
      `The blob reports cannot be merged into a complete report: ${problems.join('; ')}. Re-run the missing shards (pnpm test --shard=i/n --reporter=blob), or delete stale blobs and run every shard again.`,
    )
  }
  return counts
}
