// createFactories: one factory per model of a generated data model over any PrismaClient (or a
// getter for one), the app's customisations applied, plus the ambient tenant and graph planning
// for app-level builders (a whole tenant in one batch).
import { randomInt } from 'node:crypto'
import type { Faker } from '@faker-js/faker'
import { type InsertStrategy, insertPlans } from './bulk.ts'
import { Clock } from './clock.ts'
import type { DataModel } from './data-model.ts'
import type { AfterCreateHook, Customizations, FactoryClient } from './define.ts'
import { FactoryUsageError } from './errors.ts'
import {
  type FactoryEnv,
  Graph,
  type LooseCustomization,
  type LooseHook,
  type PlanScope,
  type Row,
} from './graph.ts'
import { schemaInfo, type TenancyConfig } from './schema-info.ts'
import { createFaker, hashSeed } from './seed.ts'
import { defaultNamespace, Sequences } from './sequences.ts'
import {
  tenant as ambient,
  ambientTenant,
  describeTenant,
  runInTenant,
  type TenantRef,
  type TenantScope,
} from './tenant-context.ts'
import type { EnumTraitsOf, ModelKey, OverridesOf, RowOf } from './types.ts'

/** Transient params of a model's customisation ({} without one). */
export type TransientOf<C, K> = K extends keyof C
  ? C[K] extends { transient?: infer T }
    ? unknown extends T
      ? Record<never, never>
      : NonNullable<T>
    : Record<never, never>
  : Record<never, never>

type CustomTraitsOf<C, K> = K extends keyof C
  ? C[K] extends { traits?: infer TR }
    ? unknown extends TR
      ? never
      : keyof NonNullable<TR> & string
    : never
  : never

/** A model's trait names: one per value of its enum columns, and its customisation's. */
export type TraitNamesOf<DM extends DataModel, C, K extends string> =
  | EnumTraitsOf<DM, K>
  | CustomTraitsOf<C, K>

/** Overrides for each row of a list, by index. */
export type ListOverrides<O> = O | ((index: number) => O)

export type ModelFactory<
  DM extends DataModel,
  K extends string,
  T = Record<never, never>,
  TN extends string = string,
> = {
  readonly model: K
  /** A complete row (keys, timestamps, foreign keys) without touching the database. */
  build(overrides?: OverridesOf<DM, K, T>): RowOf<DM, K>
  buildList(count: number, overrides?: ListOverrides<OverridesOf<DM, K, T>>): RowOf<DM, K>[]
  buildList(overrides: readonly OverridesOf<DM, K, T>[]): RowOf<DM, K>[]
  /** Inserts the row and the parents it needs, and returns the stored row. */
  create(overrides?: OverridesOf<DM, K, T>): Promise<RowOf<DM, K>>
  /** One INSERT per model and chunk, however many rows. */
  createList(count: number, overrides?: ListOverrides<OverridesOf<DM, K, T>>): Promise<RowOf<DM, K>[]>
  createList(overrides: readonly OverridesOf<DM, K, T>[]): Promise<RowOf<DM, K>[]>
  /** The same factory with traits applied (later traits win; explicit overrides win over all). */
  with(...traits: TN[]): ModelFactory<DM, K, T, TN>
  /** The same factory with one more after-create hook. */
  afterCreate(hook: AfterCreateHook<RowOf<DM, K>, T>): ModelFactory<DM, K, T, TN>
}

/** Plans rows into one graph: `plan.add('membership', { user, organization }, 'admin')`. */
export type Planner<DM extends DataModel, C> = {
  add<K extends ModelKey<DM>>(
    model: K,
    overrides?: OverridesOf<DM, K, TransientOf<C, K>>,
    ...traits: TraitNamesOf<DM, C, K>[]
  ): RowOf<DM, K>
  /** The same planner, with every row it plans checked to belong to `tenant` (and given it by default). */
  within(tenant: Row, why?: string): Planner<DM, C>
}

export type ModelFactories<DM extends DataModel, C> = {
  readonly [K in ModelKey<DM>]: ModelFactory<DM, K, TransientOf<C, K>, TraitNamesOf<DM, C, K>>
}

type CoreMembers = {
  /** The ambient tenant: `factories.tenant.run(org, () => …)`. */
  readonly tenant: TenantScope
  /** The seeded faker the factories draw from, for values of your own. */
  readonly faker: Faker
  /** The faker seed: `createFactories(db, spec, { seed })` with it gives the same rows. */
  readonly seed: number
  /** The namespace that keeps unique columns apart across workers and runs. */
  readonly namespace: string
}

/** Core members under `$` names (always) and plain names (unless a model takes the name). */
export type FactoriesCore<DM extends DataModel, C> = {
  readonly [K in keyof CoreMembers as `$${K}`]: CoreMembers[K]
} & Omit<CoreMembers, ModelKey<DM>> & {
    /** Plans several rows as one graph and returns what `fn` returns, without the database. */
    $build<R>(fn: (plan: Planner<DM, C>) => R): R
    /** Plans one graph, inserts it in one batch, and returns what `fn` returned with every planned row replaced by its stored row. */
    $create<R>(fn: (plan: Planner<DM, C>) => R): Promise<R>
  }

export type Factories<
  DM extends DataModel,
  C = Record<never, never>,
  E = Record<never, never>,
> = ModelFactories<DM, C> & FactoriesCore<DM, C> & E

/** What an app binds once: its data model, its customisations, its tenancy and its own builders. */
export type FactoriesSpec<DM extends DataModel, C = Record<never, never>, E = Record<never, never>> = {
  readonly dataModel: DM
  readonly customizations?: C
  /** The tenant model and its key column: `{ model: 'organization', foreignKey: 'organizationId' }`. */
  readonly tenancy?: TenancyConfig & { model: ModelKey<DM> }
  /** App-level builders added to every set of factories (`createTenant`…). */
  readonly extend?: (factories: Factories<DM, C>) => E
}

/**
 * Binds a data model, its customisations and builders once, for `createFactories` and the kit.
 * @example
 * export const appFactories = defineFactories({ dataModel, customizations: { user, membership }, tenancy })
 */
export function defineFactories<
  DM extends DataModel,
  const C extends Customizations<DM> = Record<never, never>,
  E = Record<never, never>,
>(spec: FactoriesSpec<DM, C, E>): FactoriesSpec<DM, C, E> {
  schemaInfo(spec.dataModel, spec.tenancy) // report schema problems where the spec is written
  return spec
}

export type FactoryOptions = {
  /** Seeds faker: the same seed gives the same rows. Default: a random seed (see `factories.seed`). */
  seed?: number
  /**
   * Replaces the worker/run namespace in unique columns (e-mails, slugs). Lowercase letters and
   * digits. With a fixed namespace, a seed replays byte-identical rows.
   */
  sequenceNamespace?: string
  /** The run id for the default namespace (tests: `inject('tenantkit').runId`). */
  runId?: string
  /** Reference time of the factories' clock (default: wall time). */
  now?: () => Date
  /** Rows per INSERT (default 1,000). */
  chunkSize?: number
  /**
   * How rows are inserted: `'sql'` (default), one `json_populate_recordset` INSERT … RETURNING per
   * chunk, a whole graph in one statement; or Prisma's `createManyAndReturn`, one statement per
   * table and chunk, slower but seen by Prisma query extensions.
   */
  insert?: InsertStrategy
}

type State = { traits: readonly string[]; hooks: readonly LooseHook[] }

/**
 * Typed factories for every model of the spec's data model.
 * @example
 * const factories = createFactories(db, appFactories, { seed: 42 })
 * const org = await factories.organization.create({ name: 'Acme' })
 * const admin = await factories.membership.with('admin').create({ organization: org })
 */
export function createFactories<DM extends DataModel, C, E>(
  db: FactoryClient | (() => FactoryClient),
  spec: FactoriesSpec<DM, C, E>,
  options: FactoryOptions = {},
): Factories<DM, C, E> {
  const seed = options.seed ?? randomInt(2 ** 31)
  const schema = schemaInfo(spec.dataModel, spec.tenancy)
  const sequences = new Sequences(options.sequenceNamespace ?? defaultNamespace(options.runId))
  const env: FactoryEnv = {
    faker: createFaker(seed),
    sequences,
    clock: new Clock(options.now),
    schema,
    customizations: (spec.customizations ?? {}) as Record<string, LooseCustomization>,
    enums: spec.dataModel.enums,
    shared: new Map(),
    numberBase: 1_000_000 + (hashSeed(sequences.namespace) % 1_000_000) * 1_000,
  }
  const client = typeof db === 'function' ? db : () => db
  const insertOptions = { strategy: options.insert, chunkSize: options.chunkSize, seed }
  const tenancy = schema.tenancy

  const toRef = (row: Row): TenantRef => {
    if (!tenancy)
      throw new FactoryUsageError(
        "tenant.run needs the factories' tenancy setting: add tenancy: { model, foreignKey } to defineFactories.",
      )
    return {
      id: row[tenancy.key] as string,
      slug: tenancy.label ? (row[tenancy.label] as string | undefined) : undefined,
      model: tenancy.model,
    }
  }
  const tenantScope: TenantScope = {
    run: (row, fn) => ambient.run(toRef(row as Row), fn),
    current: () => ambient.current(),
  }

  const insert = async (graph: Graph): Promise<Map<Row, Row>> => {
    const db = client()
    const stored = await insertPlans(db, graph.plans, schema, insertOptions)
    for (const plan of graph.plans) {
      if (plan.hooks.length === 0) continue
      const row = stored.get(plan.row) as Row
      const ctx = { factories, transient: plan.transient, db } as never
      for (const hook of plan.hooks) {
        const run = () => hook(row, ctx)
        if (plan.tenantId === undefined) await run()
        else {
          const ref =
            plan.model === tenancy?.model ? toRef(row) : { id: plan.tenantId, model: tenancy?.model }
          await runInTenant(
            ref,
            `it is made in an afterCreate hook of ${plan.model}, in ${describeTenant(ref)}`,
            run,
          )
        }
      }
    }
    return stored
  }

  const planner = (graph: Graph, scope: PlanScope | undefined): Planner<DM, C> => ({
    add: (model, overrides, ...traits) => graph.add(model, overrides as Row, traits, [], scope) as never,
    within: (tenantRow, why) => {
      const ref = toRef(tenantRow)
      return planner(graph, {
        ref,
        why: why ?? `it belongs to the tenant being built, ${describeTenant(ref)}`,
      })
    },
  })

  const modelFactory = (model: string, state: State): ModelFactory<DM, string> => {
    const plan = (graph: Graph, list: readonly Row[]) =>
      list.map((overrides) => graph.add(model, overrides, state.traits, state.hooks, ambientTenant()))
    const build = (list: readonly Row[]) => plan(new Graph(env, 'build'), list)
    const create = async (list: readonly Row[]) => {
      const graph = new Graph(env, 'create')
      const roots = plan(graph, list)
      const stored = await insert(graph)
      return roots.map((row) => stored.get(row) as Row)
    }
    return {
      model,
      build: (overrides?: Row) => first(build([overrides ?? {}])),
      buildList: (countOrList: number | readonly Row[], overrides?: ListOverrides<Row>) =>
        build(expand(model, countOrList, overrides)),
      create: async (overrides?: Row) => first(await create([overrides ?? {}])),
      createList: async (countOrList: number | readonly Row[], overrides?: ListOverrides<Row>) =>
        create(expand(model, countOrList, overrides)),
      with: (...traits: string[]) => modelFactory(model, { ...state, traits: [...state.traits, ...traits] }),
      afterCreate: (hook: LooseHook) => modelFactory(model, { ...state, hooks: [...state.hooks, hook] }),
    } as never
  }

  const none: State = { traits: [], hooks: [] }
  const core: Record<string, unknown> = {
    tenant: tenantScope,
    faker: env.faker,
    seed,
    namespace: sequences.namespace,
  }
  const factories: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(core)) factories[`$${name}`] = value
  for (const [name, value] of Object.entries(core)) if (!schema.models.has(name)) factories[name] = value
  for (const key of schema.models.keys()) factories[key] = modelFactory(key, none)
  factories.$build = (fn: (plan: Planner<DM, C>) => unknown) =>
    fn(planner(new Graph(env, 'build'), ambientTenant()))
  factories.$create = async (fn: (plan: Planner<DM, C>) => unknown) => {
    const graph = new Graph(env, 'create')
    const result = fn(planner(graph, ambientTenant()))
    const stored = await insert(graph)
    return replaceRows(result, stored)
  }
  if (spec.extend) Object.assign(factories, spec.extend(factories as never))
  return factories as Factories<DM, C, E>
}

/** `result` with every planned row (by identity) replaced by its stored row, through arrays and plain objects. */
function replaceRows(value: unknown, stored: Map<Row, Row>): unknown {
  if (value === null || typeof value !== 'object') return value
  const row = stored.get(value as Row)
  if (row) return row
  if (Array.isArray(value)) return value.map((v) => replaceRows(v, stored))
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceRows(v, stored)]))
}

function expand(
  model: string,
  countOrList: number | readonly Row[],
  overrides: ListOverrides<Row> | undefined,
): Row[] {
  if (typeof countOrList !== 'number') return [...countOrList]
  if (!Number.isSafeInteger(countOrList) || countOrList < 0) {
    throw new FactoryUsageError(`${model}.createList(${countOrList}): the count must be a whole number ≥ 0.`)
  }
  return Array.from({ length: countOrList }, (_, index) =>
    typeof overrides === 'function' ? overrides(index) : (overrides ?? {}),
  )
}

/** The row of a one-row list (every caller passes one override, so there is exactly one). */
function first<T>(rows: readonly T[]): T {
  return rows[0] as T
}
