// withApp and eachRole over a tiny app: the fixtures are lazy, the app is ready in the test and
// closed after it, and eachRole runs one test per role as a fresh member with that role.
import { beforeEach, describe, expect, expectTypeOf } from 'vitest'
import { eachRoleFor, withApp } from '../../src/client/with-app.ts'
import { test as kitTest, orgTenancy } from '../kit.ts'
import { createDemoApp, routes } from './demo-app.ts'

/** Every app buildApp made, in order, and those closed since: each test compares with its own start. */
const built: object[] = []
const closed = new WeakSet<object>()

const test = withApp(kitTest, {
  buildApp: () => {
    const { app } = createDemoApp({})
    built.push(app)
    app.addHook('onClose', async () => {
      closed.add(app)
    })
    return app
  },
  mintToken: (_app, user) => `token:${user.id}`,
  routes,
  tenancy: orgTenancy,
})
const eachRole = eachRoleFor(test)

// Sequential even under --sequence.concurrent: the build log is shared by the file's tests.
describe('withApp', { concurrent: false }, () => {
  // Runs before the test's fixtures are set up, whatever ran before it (the file is shuffled).
  let builtBefore = 0
  beforeEach(() => {
    builtBefore = built.length
  })

  test('builds nothing for a test that asks for no app fixture', async () => {
    expect(built.length).toBe(builtBefore)
  })

  test('gives a ready app and a client authenticated as an OWNER of org', async ({
    app,
    api,
    user,
    org,
    membership,
    db,
  }) => {
    expect(built.slice(builtBefore)).toEqual([app])
    const res = await api.get('/whoami')
    expectTypeOf(res.expectStatus(200)).toEqualTypeOf<{ user: string | null }>()
    expect(res.expectStatus(200)).toEqual({ user: user.id })
    expect(membership).toMatchObject({ userId: user.id, organizationId: org.id, role: 'OWNER' })
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      isActive: true,
      isVerified: true,
    })
  })

  test('makes org with its owner in one statement: the owner is user and membership', async ({
    org,
    user,
    membership,
    db,
  }) => {
    expect(membership).toMatchObject({ userId: user.id, organizationId: org.id, role: 'OWNER' })
    // Rows inserted by one statement share its command id (cmin) within the test's transaction.
    const commands = await db.$queryRawUnsafe<{ cmin: string }[]>(
      `SELECT cmin::text FROM organizations WHERE id = $1::uuid
       UNION ALL SELECT cmin::text FROM users WHERE id = $2::uuid
       UNION ALL SELECT cmin::text FROM memberships WHERE id = $3::uuid`,
      org.id,
      user.id,
      membership.id,
    )
    expect(commands).toHaveLength(3)
    expect(new Set(commands.map((c) => c.cmin)).size, JSON.stringify(commands)).toBe(1)
  })

  test('closes the app after the test', async ({ app, onTestFinished }) => {
    expect(closed.has(app)).toBe(false)
    // onTestFinished runs after the fixtures' cleanup.
    onTestFinished(() => {
      expect(closed.has(app), 'the app was not closed after the test').toBe(true)
    })
  })
})

describe('eachRole', () => {
  eachRole(
    { OWNER: 200, ADMIN: 201, MEMBER: 202, VIEWER: 203 },
    async (client, { member, role, expected, org }) => {
      expect(member).toMatchObject({ role, organizationId: org.id })
      expect(expected).toBe({ OWNER: 200, ADMIN: 201, MEMBER: 202, VIEWER: 203 }[role])
      expect((await client.get('/whoami')).expectStatus(200)).toEqual({ user: member.userId })
    },
  )
})
