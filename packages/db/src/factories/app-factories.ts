// The app's factories spec: the schema's data model, the customisations that say what the schema
// cannot, the tenancy (organizations own rows through organizationId), and the tenant builder.
import {
  createFactories,
  defineFactories,
  type Factories,
  type FactoryClient,
  type FactoryOptions,
} from '@tenantkit/factories'
import { dataModel } from '../generated/data-model.ts'
import type { MemberRole, Membership, Organization, User } from '../generated/prisma/client.ts'
import { customizations } from './customizations.ts'
import { planTenant, type TenantGraph, type TenantSpec } from './tenant.ts'

export type TenantBuilders = {
  /** An organization with its owner, members by role and content, in a handful of INSERTs. */
  createTenant(spec?: TenantSpec): Promise<TenantGraph>
  /** The same graph, built without the database. */
  buildTenant(spec?: TenantSpec): TenantGraph
}

/** The app's factories spec: pass it to `createFactories` or to the test kit's `createKit`. */
export const appFactories = defineFactories({
  dataModel,
  customizations,
  tenancy: { model: 'organization', foreignKey: 'organizationId' },
  extend: (factories): TenantBuilders => ({
    createTenant: (spec) => factories.$create((plan) => planTenant(plan, spec)),
    buildTenant: (spec) => factories.$build((plan) => planTenant(plan, spec)),
  }),
})

export type AppFactories = Factories<typeof dataModel, typeof customizations, TenantBuilders>

/** This schema's factories over a client (seed scripts; tests get them from the kit's fixture). */
export function createAppFactories(
  db: FactoryClient | (() => FactoryClient),
  options?: FactoryOptions,
): AppFactories {
  return createFactories(db, appFactories, options)
}

type ModelKeys = keyof typeof customizations
/** What a model's `build`/`create` accept (`Overrides<'membership'>`). */
export type Overrides<K extends ModelKeys> = NonNullable<Parameters<AppFactories[K]['build']>[0]>

/** What the tenancy's makers get: the test's factories. */
type Made = { factories: AppFactories }

/**
 * The part of the test kit's tenancy description this schema knows (`withApp({ tenancy })`): the
 * fixtures are `org`, `membership` and `user`; an organization is made with its owner as one graph
 * (one statement), and a member is a fresh active user with a membership of the role (one statement
 * too), returned as the membership with its user. The apps add their routes and access rules.
 */
export const orgTenancy = {
  names: { tenant: 'org', member: 'membership', user: 'user' },
  roles: ['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'] satisfies MemberRole[],
  tenant: ({ factories }: Made): Promise<Organization> => factories.organization.create(),
  tenantWithOwner: async ({ factories }: Made) => {
    const { organization, owner } = await factories.createTenant()
    return { tenant: organization, owner: { ...owner.membership, user: owner.user } }
  },
  member: async (
    { factories }: Made,
    organization: Organization,
    role: MemberRole,
  ): Promise<Membership & { user: User }> => {
    const { user, membership } = await factories.$create((plan) => {
      const user = plan.add('user')
      return { user, membership: plan.add('membership', { user, organization, role }) }
    })
    return { ...membership, user }
  },
} as const
