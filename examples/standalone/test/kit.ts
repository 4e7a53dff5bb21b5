// The test kit bound to this schema: its client runs as app_user (the role the app connects as in
// production, so row-level security applies), its factories from the generated data model, and
// the app on each test's isolated database, with this app's tenancy in its own words: workspaces,
// seats with a role, accounts.
import { defineFactories } from '@tenantkit/factories'
import { createKit, eachRoleFor, withApp } from '@tenantkit/test-kit'
import { buildApp } from '../src/app.ts'
import { dataModel } from '../src/generated/data-model.ts'
import { PrismaClient } from '../src/generated/prisma/client.ts'

export { expect, expectAccessRules } from '@tenantkit/test-kit'

export const factories = defineFactories({
  dataModel,
  tenancy: { model: 'workspace', foreignKey: 'workspaceId' },
})

export const kit = createKit({
  client: (adapter) => new PrismaClient({ adapter }),
  factories,
  role: 'app_user',
})

export const test = withApp(kit.test, {
  buildApp: ({ db }) => buildApp({ db, tokenSecret: 'standalone-example-tests-only' }),
  mintToken: (app, account) => app.signToken(account.id),
  tenancy: {
    // The fixtures a test asks for: `workspace`, `seat` (its owner's) and `account` (the owner).
    names: { tenant: 'workspace', member: 'seat', user: 'account' },
    roles: ['READER', 'EDITOR', 'OWNER'],
    tenant: ({ factories }) => factories.workspace.create(),
    member: ({ factories }, workspace, role) =>
      factories.$create((plan) => {
        const account = plan.add('account')
        return { ...plan.add('seat', { account, workspace, role }), account }
      }),
    user: (seat) => seat.account,
    // The walk's ids under /workspaces/:workspaceId: one project of the workspace.
    routes: { prefix: '/workspaces/:workspaceId' },
    children: async ({ factories }, workspace) => ({
      projectId: (await factories.project.create({ workspace })).id,
    }),
    access: ({ config }) => (config.minRole ? { role: config.minRole } : undefined),
  },
})

export const eachRole = eachRoleFor(test)
