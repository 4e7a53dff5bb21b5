// The test kit bound to this schema and to the app as src/server.ts builds it: factories from the
// generated data model, and the tenancy in the app's own words — organizations (by slug), memberships
// with a role, users; projects and tasks under /orgs/:orgSlug; a route's `config.minRole`.
import { defineFactories } from '@tenantkit/factories'
import { createKit, eachRoleFor, withApp } from '@tenantkit/test-kit'
import { dataModel } from '../src/generated/data-model.ts'
import { PrismaClient } from '../src/generated/prisma/client.ts'

export { expect, expectAccessRules } from '@tenantkit/test-kit'

export const factories = defineFactories({
  dataModel,
  tenancy: { model: 'organization', foreignKey: 'organizationId' },
})

export const kit = createKit({
  client: (adapter) => new PrismaClient({ adapter }),
  factories,
})

export const test = withApp(kit.test, {
  // The app src/server.ts builds and "listens" at import: one instance serves the tests.
  app: () => import('../src/server.ts').then((module) => module.app),
  mintToken: (app, user) => app.jwt.sign({ sub: user.id }),
  tenancy: {
    // The fixtures a test asks for: `org`, `membership` (its owner's) and `user` (the owner).
    names: { tenant: 'org', member: 'membership' },
    roles: ['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'],
    tenant: ({ factories }) => factories.organization.create(),
    member: ({ factories }, organization, role) =>
      factories.$create((plan) => {
        const user = plan.add('user')
        return { ...plan.add('membership', { user, organization, role }), user }
      }),
    tenantKey: (organization) => organization.slug,
    routes: { prefix: '/orgs/:orgSlug' },
    // The walk's ids under /orgs/:orgSlug: a project of the organization and a task in it.
    children: async ({ factories }, organization) => {
      const { project, task } = await factories.$create((plan) => {
        const project = plan.add('project', { organization })
        return { project, task: plan.add('task', { project }) }
      })
      return { projectId: project.id, taskId: task.id }
    },
    access: ({ config }) => {
      if (config.public) return { public: true }
      return config.minRole ? { role: config.minRole } : undefined
    },
  },
})

export const eachRole = eachRoleFor(test)
