// Planning: turns factory calls into complete rows (ids, timestamps, foreign keys) held in memory,
// parents before children, so that `build` can return them and `create` can insert each model's
// rows with one INSERT per chunk. Nothing here touches the database.
import type { Faker } from '@faker-js/faker'
import type { Clock } from './clock.ts'
import type {
  AfterCreateHook,
  AttributeContext,
  Definitions,
  MembershipRegistry,
  ModelName,
  Overrides,
  Rows,
  TraitNames,
} from './define-factory.ts'
import type { Sequences } from './sequences.ts'
import { type AmbientTenant, describeTenant, TenantMixError, type TenantRef } from './tenant-context.ts'

export type FactoryEnv = {
  faker: Faker
  sequences: Sequences
  clock: Clock
  definitions: Definitions
  memberships: MembershipRegistry
}

/** Where a row's organization must come from, and why ("…but <why>", for the error message). */
export type PlanScope = AmbientTenant

const parentScope = (ref: TenantRef): PlanScope => ({
  ref,
  why: `the row it belongs to is in ${describeTenant(ref)}`,
})

type Row = Record<string, unknown>
type LooseHook = (row: Row, ctx: never) => void | Promise<void>

export type Plan = {
  model: ModelName
  row: Row
  transient: Row
  hooks: LooseHook[]
  /** The organization the row belongs to (itself for an organization). */
  tenantId: string | undefined
}

// The definitions are checked per model where they are written; here one loose view serves all.
type LooseDefinition = {
  relations: Record<string, string>
  tenantColumn?: string
  transient: Row
  attributes: Record<string, (ctx: LooseContext) => unknown>
  traits: Record<string, LooseTrait | undefined>
  children?: (row: Row, ctx: LooseContext) => void
  afterCreate?: LooseHook
  afterPlan?: (row: Row, ctx: LooseContext) => void
}
type LooseTrait = {
  attributes?: Record<string, unknown>
  transient?: Row
  children?: (row: Row, ctx: LooseContext) => void
  afterCreate?: LooseHook
}
type LooseContext = AttributeContext<ModelName> & { memberships: MembershipRegistry }

export class FactoryUsageError extends Error {
  override name = 'FactoryUsageError'
}

export class Graph {
  readonly plans: Plan[] = []
  readonly #env: FactoryEnv

  constructor(env: FactoryEnv) {
    this.#env = env
  }

  /** Plans one row of `model` (and whatever parents and children it needs) and returns it. */
  add<M extends ModelName>(
    model: M,
    overrides: Overrides<M> | undefined,
    traitNames: readonly TraitNames[M][],
    hooks: readonly AfterCreateHook<M>[],
    scope: PlanScope | undefined,
  ): Rows[M] {
    return this.#add(
      model,
      (overrides ?? {}) as Row,
      traitNames,
      hooks as unknown as readonly LooseHook[],
      scope,
    ) as Rows[M]
  }

  #add(
    model: ModelName,
    overrides: Row,
    traitNames: readonly string[],
    extraHooks: readonly LooseHook[],
    scope: PlanScope | undefined,
  ): Row {
    const env = this.#env
    const def = env.definitions[model] as unknown as LooseDefinition
    const traits = traitNames.map((name) => {
      const trait = Object.hasOwn(def.traits, name) ? def.traits[name] : undefined
      if (!trait) {
        throw new FactoryUsageError(
          `The ${model} factory has no trait "${name}". Its traits: ${Object.keys(def.traits).join(', ')}.`,
        )
      }
      return trait
    })
    const { explicit, transient: given } = splitOverrides(model, def, overrides)
    const transient: Row = Object.assign({}, def.transient, ...traits.map((t) => t.transient ?? {}), given)
    const traitAttributes: Row = Object.assign({}, ...traits.map((t) => t.attributes ?? {}))

    let tenant = scope
    let ownsTenant = false
    const values = new Map<string, unknown>()
    const resolving: string[] = []

    const resolve = (key: string): unknown => {
      if (Object.hasOwn(explicit, key)) return explicit[key]
      if (values.has(key)) return values.get(key)
      if (!Object.hasOwn(def.attributes, key)) {
        throw new FactoryUsageError(`The ${model} factory has no column "${key}".`)
      }
      if (resolving.includes(key)) {
        throw new FactoryUsageError(
          `The ${model} attributes depend on each other in a cycle: ${[...resolving, key].join(' → ')}.`,
        )
      }
      resolving.push(key)
      try {
        const source = Object.hasOwn(traitAttributes, key) ? traitAttributes[key] : def.attributes[key]
        const value = typeof source === 'function' ? (source as (ctx: LooseContext) => unknown)(ctx) : source
        values.set(key, value)
        return value
      } finally {
        resolving.pop()
      }
    }

    // The scope handed to rows planned from this one: this row's organization once it is known.
    const childScope = (): PlanScope | undefined => {
      if (model === 'organization') {
        return parentScope({ id: resolve('id') as string, slug: resolve('slug') as string })
      }
      if (def.tenantColumn) {
        const id = resolve(def.tenantColumn) as string
        return tenant?.ref.id === id ? tenant : parentScope({ id })
      }
      return tenant
    }

    const plan = (child: ModelName, childOverrides?: Row, ...childTraits: string[]) =>
      this.#add(child, childOverrides ?? {}, childTraits, [], childScope())

    const ctx = {
      faker: env.faker,
      transient,
      memberships: env.memberships,
      sequence: (name: string = model) => env.sequences.next(name),
      unique: (name: string = model) => env.sequences.unique(name),
      get: (key: string) => resolve(key),
      now: () => env.clock.tick(),
      tenantId: () => {
        if (!tenant) {
          const organization = this.#add('organization', {}, [], [], undefined)
          tenant = parentScope({ id: organization.id as string, slug: organization.slug as string })
          ownsTenant = true
        }
        return tenant.ref.id
      },
      ownsTenant: () => ownsTenant,
      memberOf: (userId: string) => env.memberships.get(userId),
      plan,
    } as unknown as LooseContext

    const row: Row = {}
    for (const key of Object.keys(def.attributes)) row[key] = resolve(key)

    let tenantId: string | undefined
    if (model === 'organization') tenantId = row.id as string
    if (def.tenantColumn) {
      tenantId = row[def.tenantColumn] as string
      if (scope && tenantId !== scope.ref.id) {
        const slug = (overrides.organization as { slug?: string } | undefined)?.slug
        throw new TenantMixError(
          `${model}.${def.tenantColumn} is ${describeTenant({ id: tenantId, slug })}, but ${scope.why}: one graph must not mix two tenants. Leave out the organization to use the tenant's, or make this row outside tenant.run.`,
        )
      }
    }
    def.afterPlan?.(row, ctx)

    const hooks = [def.afterCreate, ...traits.map((t) => t.afterCreate), ...extraHooks].filter(
      (hook): hook is LooseHook => hook !== undefined,
    )
    this.plans.push({ model, row, transient, hooks, tenantId })

    def.children?.(row, ctx)
    for (const trait of traits) trait.children?.(row, ctx)
    return row
  }
}

function splitOverrides(model: ModelName, def: LooseDefinition, overrides: Row) {
  const explicit: Row = {}
  const transient: Row = {}
  const fromRelations: Row = {}
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue
    if (Object.hasOwn(def.relations, key)) {
      const column = def.relations[key] as string
      fromRelations[column] = value === null ? null : (value as { id?: unknown }).id
      if (fromRelations[column] === undefined) {
        throw new FactoryUsageError(`${model}: "${key}" must be a row with an id (or its id as "${column}").`)
      }
    } else if (Object.hasOwn(def.transient, key)) {
      transient[key] = value
    } else if (Object.hasOwn(def.attributes, key)) {
      explicit[key] = value
    } else {
      throw new FactoryUsageError(
        `The ${model} factory has no column, relation or transient param "${key}". Columns: ${Object.keys(def.attributes).join(', ')}; relations: ${Object.keys(def.relations).join(', ') || 'none'}; transient: ${Object.keys(def.transient).join(', ') || 'none'}.`,
      )
    }
  }
  for (const [column, id] of Object.entries(fromRelations)) {
    if (Object.hasOwn(explicit, column) && explicit[column] !== id) {
      throw new FactoryUsageError(
        `${model}: ${column} is ${String(explicit[column])}, but the relation given with it has id ${String(id)}. Give one of them.`,
      )
    }
    explicit[column] = id
  }
  return { explicit, transient }
}
