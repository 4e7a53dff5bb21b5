// POST /orgs commits the organization and its owner's membership in one $transaction through the
// module-level client. The kit undoes it with the test: the next test finds the slug free again.
import { describe } from 'vitest'
import { prisma } from '../src/db.ts'
import { expect, test } from './kit.ts'

const SLUG = 'acme-corp'

test('a route commits an organization and its owner in a $transaction', async ({ api, user }) => {
  ;(await api.post('/orgs', { body: { name: 'Acme', slug: SLUG } })).expectStatus(201)

  const organization = await prisma.organization.findUniqueOrThrow({
    where: { slug: SLUG },
    include: { memberships: true },
  })
  expect(organization.memberships).toEqual([expect.objectContaining({ userId: user.id, role: 'OWNER' })])
  ;(await api.post('/orgs', { body: { name: 'Acme again', slug: SLUG } })).expectError(409, 'SLUG_TAKEN')
})

test('the next test does not see it: the slug is free again', async ({ api, db }) => {
  expect(await db.organization.count({ where: { slug: SLUG } })).toBe(0)
  expect(await prisma.organization.count({ where: { slug: SLUG } })).toBe(0)
  ;(await api.post('/orgs', { body: { name: 'Acme', slug: SLUG } })).expectStatus(201)
})

describe('in database mode (a database of its own for the test, dropped after it)', () => {
  test.override({ isolation: 'database' })

  test('the same route commits there, and the test’s db sees it', async ({ api, db }) => {
    ;(await api.post('/orgs', { body: { name: 'Acme', slug: SLUG } })).expectStatus(201)
    expect(await db.organization.count({ where: { slug: SLUG } })).toBe(1)
    expect(await prisma.membership.count()).toBe(2) // the owner fixture's and the new one
  })
})
