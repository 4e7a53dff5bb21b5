// Demo data for `pnpm dev` (the API's `pnpm db:seed`): two tenants with known logins, members of
// every role, content in every status, a user in both tenants and some audit events. The same
// factories as the tests, with a fixed seed, so every developer sees the same data.
import type { MemberRole, PrismaClient } from '../generated/prisma/client.ts'
import { createAppFactories } from './app-factories.ts'
import { DEFAULT_PASSWORD } from './test-password.ts'

export const DEMO_SLUGS = ['acme', 'globex'] as const
const NAMESPACE = 'demo'
const NAMED = {
  acme: {
    OWNER: 'owner@acme.test',
    ADMIN: 'admin@acme.test',
    MEMBER: 'member@acme.test',
    VIEWER: 'viewer@acme.test',
  },
  globex: { OWNER: 'owner@globex.test', MEMBER: 'member@globex.test' },
} as const
const CROSS_TENANT_EMAIL = 'alex@both.test'

export type DemoLogin = { email: string; organization: string; role: MemberRole }

export type DemoData = {
  /** False when the demo tenants already existed and `reset` was not set. */
  created: boolean
  organizations: { id: string; slug: string; name: string }[]
  /** Accounts to log in with, one per organization and role, and one in both organizations. */
  logins: DemoLogin[]
  /** The password of every demo user. */
  password: string
}

export type SeedDemoOptions = {
  /** Delete the demo tenants and their users first, then seed again. */
  reset?: boolean
  /** Every demo user's password (default 'testpassword123!'). */
  password?: string
  /** Faker seed (default 2026): change it for other names and titles. */
  seed?: number
}

/**
 * Seeds a development database: two tenants (acme, globex) with one named login per role
 * (`admin@acme.test`…), more members, content in every status, audit events, and a user in both.
 * Does nothing if the tenants exist, unless `reset`.
 * @example
 * // apps/api/src/seed.ts
 * const db = createPrismaClient({ url: process.env.DATABASE_URL })
 * const demo = await seedDemoData(db)
 * console.table(demo.logins) // password: demo.password
 */
export async function seedDemoData(db: PrismaClient, options: SeedDemoOptions = {}): Promise<DemoData> {
  const password = options.password ?? DEFAULT_PASSWORD
  const existing = await db.organization.findMany({ where: { slug: { in: [...DEMO_SLUGS] } } })
  if (existing.length > 0 && !options.reset) {
    return { created: false, organizations: existing.map(pick), logins: logins(), password }
  }
  if (existing.length > 0) await deleteDemoData(db)

  const factories = createAppFactories(db, { seed: options.seed ?? 2026, sequenceNamespace: NAMESPACE })
  const acme = await factories.createTenant({
    organization: { name: 'Acme Inc.', slug: 'acme' },
    owner: { email: NAMED.acme.OWNER, fullName: 'Olivia Owner' },
    members: {
      ADMIN: [{ email: NAMED.acme.ADMIN, fullName: 'Adam Admin' }, {}],
      MEMBER: [{ email: NAMED.acme.MEMBER, fullName: 'Mia Member' }, {}, {}, {}, {}],
      VIEWER: [{ email: NAMED.acme.VIEWER, fullName: 'Victor Viewer' }, {}],
    },
    content: { PUBLISHED: 12, SCHEDULED: 4, DRAFT: 6, ARCHIVED: 3 },
    password,
  })
  const globex = await factories.createTenant({
    organization: { name: 'Globex Corporation', slug: 'globex' },
    owner: { email: NAMED.globex.OWNER, fullName: 'Gina Globex' },
    members: { ADMIN: 1, MEMBER: [{ email: NAMED.globex.MEMBER, fullName: 'Gus Member' }, {}, {}] },
    content: { PUBLISHED: 5, DRAFT: 3 },
    password,
  })
  const alex = await factories.user.create({ email: CROSS_TENANT_EMAIL, fullName: 'Alex Both', password })
  await factories.membership.createList([
    { user: alex, organization: acme.organization, role: 'ADMIN' },
    { user: alex, organization: globex.organization, role: 'MEMBER' },
  ])
  for (const { organization, owner } of [acme, globex]) {
    await factories.auditEvent.createList(8, { organization, actor: owner.user })
  }
  return {
    created: true,
    organizations: [acme.organization, globex.organization].map(pick),
    logins: logins(),
    password,
  }
}

/** Removes the demo tenants (memberships, content and events cascade) and the demo users. */
export async function deleteDemoData(db: PrismaClient): Promise<void> {
  await db.organization.deleteMany({ where: { slug: { in: [...DEMO_SLUGS] } } })
  await db.user.deleteMany({
    where: {
      OR: [
        { email: { endsWith: `-${NAMESPACE}@example.com` } },
        {
          email: {
            in: [CROSS_TENANT_EMAIL, ...Object.values(NAMED).flatMap((named) => Object.values(named))],
          },
        },
      ],
    },
  })
}

function logins(): DemoLogin[] {
  const named = Object.entries(NAMED).flatMap(([organization, byRole]) =>
    Object.entries(byRole).map(([role, email]) => ({ email, organization, role: role as MemberRole })),
  )
  return [
    ...named,
    { email: CROSS_TENANT_EMAIL, organization: 'acme', role: 'ADMIN' },
    { email: CROSS_TENANT_EMAIL, organization: 'globex', role: 'MEMBER' },
  ]
}

function pick({ id, slug, name }: { id: string; slug: string; name: string }) {
  return { id, slug, name }
}
