// The namespace that keeps unique columns apart: by run, by worker, by set of factories.

import { defaultNamespace, Sequences } from '@tenantkit/factories/sequences'
import { describe, expect, test } from 'vitest'
import { createFactories } from '../kit.ts'

describe('sequences', () => {
  test('namespaces differ by run, by worker and by set of factories in one worker', () => {
    const namespaces = [
      defaultNamespace('aaaa1111', { VITEST_WORKER_ID: '1' }),
      defaultNamespace('aaaa1111', { VITEST_WORKER_ID: '1' }),
      defaultNamespace('aaaa1111', { VITEST_WORKER_ID: '2' }),
      defaultNamespace('bbbb2222', { VITEST_WORKER_ID: '1' }),
      defaultNamespace(undefined, {}),
    ]
    expect(new Set(namespaces).size).toBe(namespaces.length)
    expect(namespaces[0]).toMatch(/^aaaaw1i[0-9a-z]+$/)
    expect(namespaces[4]).toMatch(new RegExp(`^[0-9a-f]{4}wp${process.pid}i`))
  })

  test('two sets of factories with one seed make the same names but different e-mails', () => {
    const none = () => {
      throw new Error('unused')
    }
    const [a, b] = [createFactories(none, { seed: 9 }), createFactories(none, { seed: 9 })]
    const [userA, userB] = [a?.user.build(), b?.user.build()]
    expect(userA?.fullName).toBe(userB?.fullName)
    expect(userA?.email).not.toBe(userB?.email)
  })

  test('counts per name and rejects a namespace that would break e-mails or slugs', () => {
    const sequences = new Sequences('demo')
    expect([sequences.next('a'), sequences.next('a'), sequences.next('b')]).toEqual([1, 2, 1])
    expect(sequences.unique('a')).toBe('3-demo')
    expect(() => new Sequences('Not OK')).toThrow(/sequenceNamespace must be lowercase letters and digits/)
  })
})
