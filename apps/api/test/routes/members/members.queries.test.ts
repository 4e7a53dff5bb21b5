// Query budget for the member list: members come with their users in a fixed number of queries.
import { describe } from 'vitest'
import { expect, test } from '../../kit.ts'

// 50 members (users, hashes) and two first requests: more than Vitest's default 5 s on a busy machine.
const ROOMY = { timeout: 20_000 }

describe('GET /orgs/:orgId/members', () => {
  test('50 members cost the same queries as 5', ROOMY, async ({ api, org, factories, queries }) => {
    const list = () => api.get('/orgs/:orgId/members', { params: { orgId: org.id } })
    await factories.membership.createList(4, { organization: org })
    const five = await queries.measure(list)
    expect(five.result.expectStatus(200).items).toHaveLength(5)

    await factories.membership.createList(45, { organization: org })
    const fifty = await queries.measure(list)
    expect(fifty.result.expectStatus(200).items).toHaveLength(50)
    expect(fifty.count, fifty.sql.join('\n')).toBe(five.count)
  })
})
