// The password format the API shares: scrypt$N$r$p$salt$hash.
import { randomUUID, scryptSync } from 'node:crypto'
import {
  DEFAULT_PASSWORD,
  hashPassword,
  testHashesComputed,
  testPasswordHash,
  verifyPassword,
} from '@tenantkit/db/factories'
import { describe, expect, test } from 'vitest'

describe('passwords', () => {
  test('hashPassword writes scrypt$N$r$p$salt$hash with a fresh salt each time', async () => {
    const [a, b] = await Promise.all([hashPassword('s3cret!'), hashPassword('s3cret!')])
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword('s3cret!', a)).toBe(true)
    expect(await verifyPassword('s3cret?', a)).toBe(false)
  })

  test('verifyPassword reads the parameters from the hash', async () => {
    const salt = Buffer.from('0123456789abcdef')
    const key = scryptSync('pw', salt, 24, { N: 1024, r: 4, p: 2 })
    const stored = `scrypt$1024$4$2$${salt.toString('base64')}$${key.toString('base64')}`
    expect(await verifyPassword('pw', stored)).toBe(true)
    expect(await hashPassword('pw', { N: 1024 })).toMatch(/^scrypt\$1024\$8\$1\$/)
  })

  test('verifyPassword says false, without throwing, for anything malformed', async () => {
    for (const stored of ['', 'bcrypt$x', 'scrypt$1000$8$1$c2FsdA==$a2V5', 'scrypt$16384$8$1$$', 'plain']) {
      expect(await verifyPassword('pw', stored)).toBe(false)
    }
  })

  test('factories hash the default password once per process and reuse it', () => {
    const first = testPasswordHash()
    const computed = testHashesComputed()
    const lookups = Array.from({ length: 1000 }, () => testPasswordHash(DEFAULT_PASSWORD))
    expect(new Set(lookups)).toEqual(new Set([first]))
    expect(testHashesComputed()).toBe(computed)
    // A password no test has hashed yet is one more scrypt run, then reused too.
    const fresh = `never hashed ${randomUUID()}`
    testPasswordHash(fresh)
    testPasswordHash(fresh)
    expect(testHashesComputed()).toBe(computed + 1)
  })

  test('factory hashes record the cheaper test cost, N=1024; real hashes keep N=16384', async () => {
    expect(testPasswordHash()).toMatch(/^scrypt\$1024\$8\$1\$/)
    expect(await hashPassword('s3cret!')).toMatch(/^scrypt\$16384\$8\$1\$/)
  })

  test('a factory hash verifies like any other', async () => {
    expect(await verifyPassword(DEFAULT_PASSWORD, testPasswordHash())).toBe(true)
    expect(await verifyPassword('other password', testPasswordHash('other password'))).toBe(true)
  })
})
