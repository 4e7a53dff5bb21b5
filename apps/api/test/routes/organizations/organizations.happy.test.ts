import { describe, expectTypeOf } from 'vitest'
import { expect, test } from '../../kit.ts'

describe('GET /orgs', () => {
  test('lists the organizations the caller belongs to, with their role', async ({ api, org }) => {
    const res = await api.get('/orgs')
    const body = res.expectStatus(200)
    expectTypeOf(body.items[0]?.role).toEqualTypeOf<'OWNER' | 'ADMIN' | 'MEMBER' | 'VIEWER' | undefined>()
    expect(body.items).toEqual([expect.objectContaining({ id: org.id, role: 'OWNER' })])
  })
})
