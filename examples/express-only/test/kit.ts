// The test kit bound to this schema and to the Express app: its factories from the generated data
// model, the app built per test on the test's database (buildApp returns express(); the kit tells
// it is Express by its shape), tokens signed with the app's own signer, and the app's tenancy in
// its own words: workspaces, members with a role, users.
import { defineFactories } from '@tenantkit/factories'
import { createKit, eachRoleFor, withApp } from '@tenantkit/test-kit'
import { buildApp } from '../src/app.ts'
import { dataModel } from '../src/generated/data-model.ts'
import { PrismaClient } from '../src/generated/prisma/client.ts'
import { signToken } from '../src/tokens.ts'

export { expect, expectAccessRules } from '@tenantkit/test-kit'

const tokenSecret = 'express-only-example-tests-only'

export const kit = createKit({
  client: (adapter) => new PrismaClient({ adapter }),
  factories: defineFactories({ dataModel, tenancy: { model: 'workspace', foreignKey: 'workspaceId' } }),
})

export const test = withApp(kit.test, {
  buildApp: ({ db }) => buildApp({ db, tokenSecret }),
  mintToken: (_app, user) => signToken(user.id, tokenSecret),
  tenancy: {
    // The fixtures a test asks for: `workspace`, `member` (its owner's) and `user` (the owner).
    names: { tenant: 'workspace', member: 'member', user: 'user' },
    roles: ['READER', 'EDITOR', 'OWNER'],
    tenant: ({ factories }) => factories.workspace.create(),
    member: ({ factories }, workspace, role) =>
      factories.$create((plan) => {
        const user = plan.add('user')
        return { ...plan.add('member', { user, workspace, role }), user }
      }),
    routes: { prefix: '/workspaces/:workspaceId' },
    // The walk's ids for the other path parameters: a note and a member of the workspace.
    children: async ({ factories }, workspace) => ({
      noteId: (await factories.note.create({ workspace })).id,
      memberId: (await factories.member.create({ workspace })).id,
    }),
    // What each route's declareRoute({ minRole }) says.
    access: ({ config }) => (typeof config.minRole === 'string' ? { role: config.minRole } : undefined),
  },
})

export const eachRole = eachRoleFor(test)
