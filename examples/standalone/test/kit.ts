// The test kit bound to this schema: its client runs as app_user (the role the app connects as in
// production, so row-level security applies), its factories from the generated data model, and
// the app on each test's isolated database.
import { defineFactories } from '@tenantkit/factories'
import { createKit, eachRoleFor, withApp } from '@tenantkit/test-kit'
import { buildApp } from '../src/app.ts'
import { dataModel } from '../src/generated/data-model.ts'
import { PrismaClient, type Workspace } from '../src/generated/prisma/client.ts'

export { expect, expectTenantIsolation } from '@tenantkit/test-kit'

export const factories = defineFactories({
  dataModel,
  tenancy: { model: 'workspace', foreignKey: 'workspaceId' },
})

export const kit = createKit({
  client: (adapter) => new PrismaClient({ adapter }),
  factories,
  role: 'app_user',
})

type TestFactories = ReturnType<typeof kit.createFactories>

/** How tests get workspaces and members: the kit's `org`, `user` and role matrix use these. */
const tenants = {
  create: (f: TestFactories) => f.workspace.create(),
  member: async (f: TestFactories, workspace: Workspace, role: 'OWNER' | 'EDITOR' | 'READER') => {
    const { account, seat } = await f.$create((plan) => {
      const account = plan.add('account')
      return { account, seat: plan.add('seat', { account, workspace, role }) }
    })
    return { ...seat, userId: account.id, user: account }
  },
  ownerRole: 'OWNER' as const,
}

export const test = withApp(kit.test, {
  buildApp: ({ db }) => buildApp({ db, tokenSecret: 'standalone-example-tests-only' }),
  mintToken: (app, account) => app.signToken(account.id),
  tenants,
})

export const eachRole = eachRoleFor(test, tenants)
