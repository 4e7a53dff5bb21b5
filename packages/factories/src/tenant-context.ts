// The ambient tenant: inside `tenant.run(row, fn)` every tenant-owned factory (each model with the
// tenancy's foreign key) uses that tenant row, and one that is handed another tenant throws instead
// of quietly building a graph that spans two tenants.
import { AsyncLocalStorage } from 'node:async_hooks'
import { TenantMixError } from './errors.ts'

/** A tenant row as factories need it: its id, and a label (slug) and model name for error messages. */
export type TenantRef = { id: string | number; slug?: string; model?: string }

/** The ambient tenant and how it came to be, as the end of a sentence ("…but <why>"). */
export type AmbientTenant = { ref: TenantRef; why: string }

const storage = new AsyncLocalStorage<AmbientTenant>()

export function describeTenant(ref: TenantRef): string {
  return ref.slug
    ? `${ref.model ?? 'tenant'} "${ref.slug}" (${ref.id})`
    : `${ref.model ?? 'tenant'} ${ref.id}`
}

export type TenantScope = {
  /**
   * Runs `fn` with `tenantRow` (a row of the tenancy's model) as the ambient tenant.
   * @example
   * await tenant.run(workspace, async () => {
   *   await factories.project.createList(3) // all in workspace
   * })
   */
  run<T>(tenantRow: TenantRef, fn: () => T): T
  /** The ambient tenant, if any. */
  current(): TenantRef | undefined
}

export const tenant: TenantScope = {
  run(tenantRow, fn) {
    const outer = storage.getStore()
    if (outer && outer.ref.id !== tenantRow.id) {
      throw new TenantMixError(
        `tenant.run(${describeTenant(tenantRow)}) was called although ${outer.why}: a test graph belongs to one tenant. Leave the outer tenant.run first, or pass the tenant explicitly outside it.`,
      )
    }
    const ref = { id: tenantRow.id, slug: tenantRow.slug, model: tenantRow.model }
    return storage.run({ ref, why: `it is made inside tenant.run(${describeTenant(ref)})` }, fn)
  },
  current: () => storage.getStore()?.ref,
}

/** The ambient tenant with its reason (for factories' error messages). */
export function ambientTenant(): AmbientTenant | undefined {
  return storage.getStore()
}

/** Runs an after-create hook in its row's organization, replacing any ambient tenant. */
export function runInTenant<T>(ref: TenantRef, why: string, fn: () => T): T {
  return storage.run({ ref, why }, fn)
}
