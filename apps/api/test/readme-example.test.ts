// The README's API example, run as written (docs that match the code).
import { expect, test } from './kit.ts'

test('a member creates a draft', async ({ api, tenancy, org }) => {
  const member = await tenancy.createMember(org, 'MEMBER') // a fresh user with that role in org
  const res = await api
    .asMember(member)
    .post('/orgs/:orgId/content', { params: { orgId: org.id }, body: { title: 'Hi' } })
  expect(res.expectStatus(201).status).toBe('DRAFT') // the body, typed from the route's 201 schema
})
