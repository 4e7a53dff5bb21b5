import { describe } from 'vitest'
import { expect, test, unchecked } from '../../kit.ts'

describe('GET /orgs/:orgId/audit', () => {
  test.for([
    ['limit=0', { limit: '0' }, 'querystring.limit'],
    ['limit=101', { limit: '101' }, 'querystring.limit'],
    ['a target id that is not a uuid', { targetId: 'abc' }, 'querystring.targetId'],
    ['a huge action', { action: 'a'.repeat(101) }, 'querystring.action'],
    ['an unknown parameter', { actorId: 'x' }, 'querystring.actorId'],
  ] as const)('answers 400 naming the parameter for %s', async ([, query, field], { api, org }) => {
    const res = await api.get('/orgs/:orgId/audit', { params: { orgId: org.id }, query: unchecked(query) })
    expect(res.expectError(400, 'TK_VALIDATION_FAILED').fields?.map((f) => f.field)).toContain(field)
  })

  test('answers 400 TK_INVALID_CURSOR for a cursor it did not issue', async ({ api, org }) => {
    const res = await api.get('/orgs/:orgId/audit', {
      params: { orgId: org.id },
      query: { cursor: 'eyJ4IjoxfQ' },
    })
    res.expectError(400, 'TK_INVALID_CURSOR')
  })
})
