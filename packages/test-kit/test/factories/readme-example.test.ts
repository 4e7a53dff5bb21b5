// The README's factories example, run as written (docs that match the code).
import { expect, test } from '../kit.ts'

test('the README example builds a tenant graph', async ({ factories, db }) => {
  const { organization, owner, byRole, content } = await factories.createTenant({
    members: { ADMIN: 2, MEMBER: 5 },
    content: { DRAFT: 2, PUBLISHED: 3 },
  })
  const viewer = await factories.membership.with('viewer').create({ organization })
  const draft = factories.contentItem.build({ organization, status: 'DRAFT' })
  await factories.tenant.run(organization, () => factories.contentItem.createList(3))

  expect(owner.membership.role).toBe('OWNER')
  expect(byRole.ADMIN).toHaveLength(2)
  expect(byRole.MEMBER).toHaveLength(5)
  expect(content).toHaveLength(5)
  expect(viewer.role).toBe('VIEWER')
  expect(draft.organizationId).toBe(organization.id)
  expect(await db.contentItem.count({ where: { organizationId: organization.id } })).toBe(8)
  // owner + 2 admins + 5 members + the viewer, and one author (a new member) per item made in tenant.run
  expect(await db.membership.count({ where: { organizationId: organization.id } })).toBe(9 + 3)
})
