// Planning: turns factory calls into complete rows (keys, timestamps, foreign keys) held in memory,
// parents before children, so that `build` can return them and `create` can insert each model's
// rows with one INSERT per chunk. Nothing here touches the database or names a model: what a
// column gets comes from the app's customisation, else from the schema (defaults.ts).
import type { Faker } from '@faker-js/faker'
import type { Clock } from './clock.ts'
import { type DefaultContext, defaultValue } from './defaults.ts'
import { DataModelError, FactoryUsageError, TenantMixError } from './errors.ts'
import type { ModelInfo, SchemaInfo } from './schema-info.ts'
import type { Sequences } from './sequences.ts'
import { type AmbientTenant, describeTenant, type TenantRef } from './tenant-context.ts'

export type Row = Record<string, unknown>
export type LooseHook = (row: Row, ctx: never) => void | Promise<void>
type LooseFn = (ctx: LooseContext) => unknown
export type LooseTrait = {
  attributes?: Record<string, unknown>
  transient?: Row
  children?: (row: Row, ctx: LooseContext) => void
  afterCreate?: LooseHook
}
export type LooseCustomization = {
  transient?: Row
  attributes?: Record<string, unknown>
  traits?: Record<string, LooseTrait | undefined>
  children?: (row: Row, ctx: LooseContext) => void
  afterCreate?: LooseHook
  afterPlan?: (row: Row, ctx: LooseContext) => void
}
type LooseContext = Record<string, unknown>

export type FactoryEnv = {
  faker: Faker
  sequences: Sequences
  clock: Clock
  schema: SchemaInfo
  customizations: Readonly<Record<string, LooseCustomization | undefined>>
  enums: Readonly<Record<string, readonly string[]>>
  shared: Map<string, unknown>
  /** A base that keeps unique numbers of this set of factories apart from other sets. */
  numberBase: number
}

/** Where a row's tenant must come from, and why ("…but <why>", for the error message). */
export type PlanScope = AmbientTenant

export type Plan = {
  model: string
  row: Row
  transient: Row
  hooks: LooseHook[]
  /** The tenant the row belongs to (itself for a tenant). */
  tenantId: string | number | undefined
}

const parentScope = (ref: TenantRef): PlanScope => ({
  ref,
  why: `the row it belongs to is in ${describeTenant(ref)}`,
})

/** `build`: keys the database would generate get plain sequence numbers; `create`: negative placeholders replaced at insert. */
export type PlanMode = 'build' | 'create'

export class Graph {
  readonly plans: Plan[] = []
  readonly mode: PlanMode
  readonly #env: FactoryEnv
  #placeholder = 0
  /** The required relations being followed to plan parents, outermost first (to name a cycle). */
  readonly #following: { model: ModelInfo; relation: string }[] = []

  constructor(env: FactoryEnv, mode: PlanMode) {
    this.#env = env
    this.mode = mode
  }

  /** Plans one row of `model` (and whatever parents and children it needs) and returns it. */
  add(
    model: string,
    overrides: Row | undefined,
    traitNames: readonly string[],
    hooks: readonly LooseHook[],
    scope: PlanScope | undefined,
  ): Row {
    const info = this.#env.schema.models.get(model)
    if (!info) {
      throw new FactoryUsageError(
        `There is no model "${model}". Models: ${[...this.#env.schema.models.keys()].join(', ')}.`,
      )
    }
    return this.#add(info, overrides ?? {}, traitNames, hooks, scope)
  }

  #add(
    info: ModelInfo,
    overrides: Row,
    traitNames: readonly string[],
    extraHooks: readonly LooseHook[],
    scope: PlanScope | undefined,
  ): Row {
    const env = this.#env
    const model = info.key
    const def = env.customizations[model] ?? {}
    const traits = traitNames.map((name) => this.#trait(info, def, name))
    const { explicit, transient: given } = splitOverrides(info, def, overrides)
    const transient: Row = Object.assign({}, def.transient, ...traits.map((t) => t.transient ?? {}), given)
    const traitAttributes: Row = Object.assign({}, ...traits.map((t) => t.attributes ?? {}))
    const customAttributes = def.attributes ?? {}

    let tenant = scope
    let ownsTenant = false
    const values = new Map<string, unknown>()
    const resolving: string[] = []

    const resolve = (key: string): unknown => {
      if (Object.hasOwn(explicit, key)) return explicit[key]
      if (values.has(key)) return values.get(key)
      if (!info.scalarByName.has(key))
        throw new FactoryUsageError(
          `The ${model} factory has no column "${key}". Columns: ${[...info.scalarByName.keys()].join(', ')}.`,
        )
      if (resolving.includes(key)) {
        throw new FactoryUsageError(
          `The ${model} attributes depend on each other in a cycle: ${[...resolving, key].join(' → ')}. Give one of them in the overrides, or make one of its lazy attributes independent of the others in the customisation.`,
        )
      }
      resolving.push(key)
      try {
        let value: unknown
        if (Object.hasOwn(traitAttributes, key)) value = evaluate(traitAttributes[key])
        else if (Object.hasOwn(customAttributes, key)) value = evaluate(customAttributes[key])
        else value = defaultOf(key)
        values.set(key, value)
        return value
      } finally {
        resolving.pop()
      }
    }
    const evaluate = (source: unknown) => (typeof source === 'function' ? (source as LooseFn)(ctx) : source)

    // A key column nothing overrides: the tenant's key, a planned parent's, or null when optional.
    const defaultOf = (key: string): unknown => {
      const relation = info.relationByField.get(key)
      if (!relation) return defaultValue(info, info.scalarByName.get(key) as never, defaults)
      if (key === info.tenantColumn && (relation.required || tenant)) return (ctx.tenantId as () => string)()
      if (!relation.required) return null
      if (relation.target === model) {
        // A required relation to its own model: without input, the row points at itself.
        const own = (field: string) => resolve(relation.toFields[relation.fields.indexOf(field)] as string)
        for (const field of relation.fields) {
          if (field !== key && !Object.hasOwn(explicit, field) && !values.has(field))
            values.set(field, own(field))
        }
        return own(key)
      }
      const parent = this.#planParent(info, relation.name, () => plan(relation.target))
      for (const [i, field] of relation.fields.entries()) {
        if (field !== key && !Object.hasOwn(explicit, field) && !values.has(field)) {
          values.set(field, parent[relation.toFields[i] as string])
        }
      }
      return parent[relation.toFields[relation.fields.indexOf(key)] as string]
    }

    // The scope handed to rows planned from this one: this row's tenant once it is known.
    const childScope = (): PlanScope | undefined => {
      if (info.isTenant) return parentScope(this.#tenantRef(info, resolve))
      if (info.tenantColumn) {
        const id = resolve(info.tenantColumn) as string | null
        if (id === null) return tenant
        return tenant?.ref.id === id ? tenant : parentScope({ id, model: env.schema.tenancy?.model })
      }
      return tenant
    }

    const plan = (child: string, childOverrides?: Row, ...childTraits: string[]) =>
      this.add(child, childOverrides ?? {}, childTraits, [], childScope())

    const ctx: LooseContext = {
      faker: env.faker,
      transient,
      sequence: (name: string = model) => env.sequences.next(name),
      unique: (name: string = model) => env.sequences.unique(name),
      get: (key: string) => resolve(key),
      now: () => env.clock.tick(),
      tenantId: () => {
        const tenancy = env.schema.tenancy
        if (!tenancy) {
          throw new FactoryUsageError(
            `${model}: tenantId() needs the factories' tenancy setting: add tenancy: { model, foreignKey } to defineFactories.`,
          )
        }
        if (!tenant) {
          const tenantInfo = env.schema.models.get(tenancy.model) as ModelInfo
          const row = this.#add(tenantInfo, {}, [], [], undefined)
          tenant = parentScope(this.#tenantRef(tenantInfo, (k) => row[k]))
          ownsTenant = true
        }
        return tenant.ref.id
      },
      ownsTenant: () => ownsTenant,
      shared: <V>(key: string, init: () => V): V => {
        if (!env.shared.has(key)) env.shared.set(key, init())
        return env.shared.get(key) as V
      },
      plan,
    }
    const defaults: DefaultContext = {
      faker: env.faker,
      now: () => env.clock.tick(),
      get: resolve,
      has: (key) => info.scalarByName.has(key),
      sequence: (name) => env.sequences.next(name),
      unique: (name) => env.sequences.unique(name),
      uniqueNumber: (name) => env.numberBase + env.sequences.next(`#${name}`),
      placeholder: (name) => (this.mode === 'create' ? --this.#placeholder : env.sequences.next(`#${name}`)),
      enumValues: (name) => env.enums[name] ?? [],
    }

    const row: Row = {}
    for (const field of info.scalars) row[field.name] = resolve(field.name)

    let tenantId: string | number | undefined
    if (info.isTenant) tenantId = this.#tenantRef(info, resolve).id
    if (info.tenantColumn) {
      tenantId = (row[info.tenantColumn] as string | number | null) ?? undefined
      if (scope && tenantId !== undefined && tenantId !== scope.ref.id) {
        const label = env.schema.tenancy?.label
        const given = overrides[relationName(info, info.tenantColumn) ?? ''] as Row | undefined
        const ref = {
          id: tenantId,
          slug: label ? (given?.[label] as string | undefined) : undefined,
          model: env.schema.tenancy?.model,
        }
        throw new TenantMixError(
          `${model}.${info.tenantColumn} is ${describeTenant(ref)}, but ${scope.why}: one graph must not mix two tenants. Leave out the ${env.schema.tenancy?.model} to use the tenant's, or make this row outside tenant.run.`,
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

  /**
   * Plans a required parent, unless following the relation leads back to a model already being
   * planned: a cycle of required relations no row can start without input.
   */
  #planParent(info: ModelInfo, relationName: string, planIt: () => Row): Row {
    const relation = info.relationByName.get(relationName)
    const target = relation?.target
    const start = this.#following.findIndex((step) => step.model.key === target)
    if (relation && start >= 0) {
      const steps = [...this.#following.slice(start), { model: info, relation: relationName }]
      const path = steps.map((step) => `${step.model.name}.${step.relation}`).join(' → ')
      const fields = relation.fields.join(', ')
      throw new DataModelError(
        `${info.name} cannot be made without input: its required relation ${info.name}.${relationName} leads back to ${steps[0]?.model.name} (${path}), and no row of the cycle can be inserted first. Give ${relationName} in the overrides (an existing row), or break the cycle with a customisation of ${info.name} that sets ${fields} (attributes: { ${relation.fields[0]}: (ctx) => … }; a row may point at itself, e.g. (ctx) => ctx.get('${relation.toFields[0]}')), or make one of these relations optional in schema.prisma.`,
      )
    }
    this.#following.push({ model: info, relation: relationName })
    try {
      return planIt()
    } finally {
      this.#following.pop()
    }
  }

  #tenantRef(info: ModelInfo, get: (key: string) => unknown): TenantRef {
    const tenancy = this.#env.schema.tenancy
    const label = tenancy?.label
    return {
      id: get(tenancy?.key ?? 'id') as string,
      slug: label ? (get(label) as string) : undefined,
      model: info.key,
    }
  }

  #trait(info: ModelInfo, def: LooseCustomization, name: string): LooseTrait {
    const custom = def.traits && Object.hasOwn(def.traits, name) ? def.traits[name] : undefined
    if (custom) return custom
    // Enum traits: `.with('admin')` sets the enum column that has the value ADMIN.
    for (const field of info.scalars) {
      if (field.kind !== 'enum') continue
      const value = this.#env.enums[field.type]?.find((v) => v.toLowerCase() === name)
      if (value !== undefined) return { attributes: { [field.name]: value } }
    }
    const names = [...Object.keys(def.traits ?? {}), ...enumTraitNames(info, this.#env.enums)]
    throw new FactoryUsageError(
      `The ${info.key} factory has no trait "${name}". Its traits: ${names.join(', ') || 'none'}.`,
    )
  }
}

function enumTraitNames(info: ModelInfo, enums: Readonly<Record<string, readonly string[]>>): string[] {
  return info.scalars.flatMap((f) =>
    f.kind === 'enum' ? (enums[f.type] ?? []).map((v) => v.toLowerCase()) : [],
  )
}

function relationName(info: ModelInfo, field: string): string | undefined {
  return info.relationByField.get(field)?.name
}

function splitOverrides(info: ModelInfo, def: LooseCustomization, overrides: Row) {
  const model = info.key
  const explicit: Row = {}
  const transient: Row = {}
  const fromRelations: Row = {}
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue
    const relation = info.relationByName.get(key)
    if (relation) {
      for (const [i, field] of relation.fields.entries()) {
        const to = relation.toFields[i] as string
        fromRelations[field] = value === null ? null : (value as Row)[to]
        if (fromRelations[field] === undefined) {
          throw new FactoryUsageError(
            `${model}: "${key}" must be a row with its ${to} (or give ${field} itself).`,
          )
        }
      }
    } else if (def.transient && Object.hasOwn(def.transient, key)) {
      transient[key] = value
    } else if (info.scalarByName.has(key)) {
      explicit[key] = value
    } else {
      const relations = [...info.relationByName.keys()]
      const transients = Object.keys(def.transient ?? {})
      throw new FactoryUsageError(
        `The ${model} factory has no column, relation or transient param "${key}". Columns: ${[...info.scalarByName.keys()].join(', ')}; relations: ${relations.join(', ') || 'none'}; transient: ${transients.join(', ') || 'none'}.`,
      )
    }
  }
  for (const [column, id] of Object.entries(fromRelations)) {
    if (Object.hasOwn(explicit, column) && explicit[column] !== id) {
      const relation = info.relationByField.get(column)
      const to = relation?.toFields[relation.fields.indexOf(column)] ?? 'key'
      throw new FactoryUsageError(
        `${model}: ${column} is ${String(explicit[column])}, but the relation given with it has ${to} ${String(id)}. Give one of them.`,
      )
    }
    explicit[column] = id
  }
  return { explicit, transient }
}
