import { describe, expect, it } from 'vitest'
import { slugify, withRandomSuffix } from './slug.ts'

const FORMAT = /^[a-z0-9]+(-[a-z0-9]+)*$/

describe('slugify', () => {
  it('lowercases, strips accents and joins words with dashes', () => {
    expect(slugify('  Hello, Wörld!  ', 'x')).toBe('hello-world')
  })

  it('falls back when nothing URL-safe is left', () => {
    expect(slugify('!!! ???', 'item')).toBe('item')
  })

  it('never ends with a dash after truncation', () => {
    const slug = slugify(`${'a'.repeat(59)} b`, 'x')
    expect(slug).toMatch(FORMAT)
    expect(slug.length).toBeLessThanOrEqual(60)
  })
})

describe('withRandomSuffix', () => {
  it('keeps the format and the length limit', () => {
    const slug = withRandomSuffix('a'.repeat(60))
    expect(slug).toMatch(FORMAT)
    expect(slug.length).toBeLessThanOrEqual(60)
    expect(withRandomSuffix('post')).not.toBe(withRandomSuffix('post'))
  })
})
