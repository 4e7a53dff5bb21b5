import { describe, expect, test } from 'vitest'
import { BlobSetError, checkBlobSet, parseBlobName } from './blob-set.ts'

describe('parseBlobName', () => {
  test('reads the label and the shard from the names the blob reporter writes', () => {
    expect(parseBlobName('blob-2-3.json')).toEqual({ file: 'blob-2-3.json', label: '', index: 2, count: 3 })
    expect(parseBlobName('blob-node22-pg15-external-3-3.json')).toMatchObject({
      label: 'node22-pg15-external',
      index: 3,
      count: 3,
    })
    expect(parseBlobName('blob.json')).toMatchObject({ label: '', index: 1, count: 1 })
    expect(parseBlobName('coverage.json')).toBeUndefined()
  })
})

describe('checkBlobSet', () => {
  const legs = ['node22-pg15', 'node24-pg18']
  const complete = legs.flatMap((leg) => [1, 2, 3].map((i) => `blob-${leg}-${i}-3.json`))

  test('accepts every shard of every leg and says how many shards each has', () => {
    expect(checkBlobSet(complete, { shards: 3, labels: legs })).toEqual(
      new Map([
        ['node22-pg15', 3],
        ['node24-pg18', 3],
      ]),
    )
  })

  test('names a missing shard', () => {
    const files = complete.filter((file) => file !== 'blob-node24-pg18-2-3.json')
    expect(() => checkBlobSet(files)).toThrow(/label "node24-pg18" has no shard 2\/3/)
  })

  test('names a missing or an unexpected leg', () => {
    const oneLeg = complete.filter((file) => file.includes('node22'))
    expect(() => checkBlobSet(oneLeg, { labels: legs })).toThrow(/missing legs: node24-pg18/)
    expect(() => checkBlobSet(complete, { labels: ['node22-pg15'] })).toThrow(/unexpected legs: node24-pg18/)
  })

  test('refuses a shard count other than the expected one, and stale blobs of another split', () => {
    const two = ['blob-1-2.json', 'blob-2-2.json']
    expect(() => checkBlobSet(two, { shards: 3 })).toThrow(/split into 2 shards, 3 expected/)
    expect(() => checkBlobSet([...two, 'blob-3-3.json'])).toThrow(/mixes shard counts 2 and 3/)
  })

  test('throws a typed error with a stable code that says how to fix it', () => {
    const error = (() => {
      try {
        checkBlobSet([])
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(BlobSetError)
    expect(error).toMatchObject({ code: 'TK_BLOB_SET_INCOMPLETE' })
    expect(String(error)).toMatch(/no blob reports.*pnpm test --shard=i\/n --reporter=blob/)
  })
})
