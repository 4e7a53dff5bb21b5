// A tenancy bound to one test: its app, a client for it, and the context the tenancy's makers
// take (the test's factories and db). withApp hands one to each test as the `tenancy` fixture;
// `bindTenancy` makes one by hand for an app built without withApp.
import { TenancyError } from '../errors.ts'
import type { Identity } from './api-client.ts'
import type { WalkTenant } from './hierarchy-walk.ts'
import type { CallerSource } from './route-calls.ts'
import type { App } from './route-types.ts'
import { defineTenancy, type Tenancy, type TenancyDescription } from './tenancy.ts'

export type BoundTenancy<Tenant, Member, Role extends string> = {
  // biome-ignore lint/suspicious/noExplicitAny: the context and names no longer matter once bound.
  readonly tenancy: Tenancy<any, Tenant, Member, Role, Identity, any>
  readonly app: App
  /** Makes the callers (the withApp client): `as(user)` and `anonymous()`. */
  readonly client: CallerSource
  /** A new tenant, made by the tenancy's `tenant`. */
  createTenant(): Promise<Tenant>
  /** A new member of `tenant` with `role`, made by the tenancy's `member`. */
  createMember(tenant: Tenant, role: Role): Promise<Member>
  /** A new tenant as the walk uses it: with its key and the ids of its children. */
  walkTenant(): Promise<WalkTenant<Tenant>>
}

/**
 * Binds a tenancy to an app, a client and the context its makers take.
 * @example
 * const tenancy = bindTenancy(myTenancy, { app, client: createApiClient(app, { mintToken }), context: { factories } })
 * await expectAccessRules(tenancy)
 */
export function bindTenancy<Ctx, Tenant, Member, Role extends string, User extends Identity>(
  description: TenancyDescription<Ctx, Tenant, Member, Role, User> | Tenancy<Ctx, Tenant, Member, Role, User>,
  binding: { app: App; client: CallerSource; context: Ctx },
): BoundTenancy<Tenant, Member, Role> {
  const tenancy = defineTenancy(description)
  const { context } = binding
  return {
    tenancy: tenancy as unknown as BoundTenancy<Tenant, Member, Role>['tenancy'],
    app: binding.app,
    client: binding.client,
    createTenant: () => tenancy.tenant(context),
    createMember: (tenant, role) => tenancy.member(context, tenant, role),
    walkTenant: async () => {
      const tenant = await tenancy.tenant(context)
      const key = tenancy.tenantKey ? tenancy.tenantKey(tenant) : (tenant as { id?: unknown })?.id
      if (typeof key !== 'string' && typeof key !== 'number') {
        throw new TenancyError(
          "The tenancy's tenant has no `id` to put in URLs: add tenantKey: (tenant) => tenant.slug (or whatever the tenant routes take).",
        )
      }
      const children: Record<string, string> = {}
      for (const [param, id] of Object.entries((await tenancy.children?.(context, tenant)) ?? {})) {
        if (id !== undefined && id !== null && id !== '') children[param] = String(id)
      }
      return { tenant, key: String(key), children }
    },
  }
}
