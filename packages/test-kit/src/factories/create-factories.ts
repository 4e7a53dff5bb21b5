// createFactories: one factory per model over any PrismaClient (or a getter for one), plus the
// ambient tenant and the tenant-graph builder.
import { randomInt } from 'node:crypto'
import type { Faker } from '@faker-js/faker'
import { type InsertStrategy, insertPlans } from './bulk.ts'
import { Clock } from './clock.ts'
import { planTenant, type TenantGraph, type TenantSpec } from './create-tenant.ts'
import type {
  AfterCreateHook,
  FactoryClient,
  ModelName,
  Overrides,
  Rows,
  TraitNames,
} from './define-factory.ts'
import { type FactoryEnv, FactoryUsageError, Graph, type PlanScope } from './graph.ts'
import { definitions } from './models/index.ts'
import { createFaker } from './seed.ts'
import { defaultNamespace, Sequences } from './sequences.ts'
import { ambientTenant, describeTenant, runInTenant, type TenantScope, tenant } from './tenant-context.ts'

export type FactoryOptions = {
  /** Seeds faker: the same seed gives the same rows. Default: a random seed (see `factories.seed`). */
  seed?: number
  /**
   * Replaces the worker/run namespace in unique columns (e-mails, organization slugs). Lowercase
   * letters and digits. With a fixed namespace, a seed replays byte-identical rows.
   */
  sequenceNamespace?: string
  /** The run id for the default namespace (tests: `inject('tenantkit').runId`). */
  runId?: string
  /** Reference time of the factories' clock (default: wall time). */
  now?: () => Date
  /** Rows per INSERT (default 1,000). */
  chunkSize?: number
  /**
   * How rows are inserted: Prisma's `createManyAndReturn` (default), or `'sql'`, one
   * `json_populate_recordset` INSERT per chunk through the same client (≈4× faster for big graphs:
   * it skips Prisma's per-row query compilation; Prisma query extensions do not see these inserts).
   */
  insert?: InsertStrategy
}

/** Overrides for each row of a list, by index. */
export type ListOverrides<M extends ModelName> = Overrides<M> | ((index: number) => Overrides<M>)

export type ModelFactory<M extends ModelName> = {
  readonly model: M
  /** A complete row (id, timestamps, foreign keys) without touching the database. */
  build(overrides?: Overrides<M>): Rows[M]
  buildList(count: number, overrides?: ListOverrides<M>): Rows[M][]
  buildList(overrides: readonly Overrides<M>[]): Rows[M][]
  /** Inserts the row and the parents it needs, and returns the stored row. */
  create(overrides?: Overrides<M>): Promise<Rows[M]>
  /** Inserts with createManyAndReturn: one INSERT per model and chunk, however many rows. */
  createList(count: number, overrides?: ListOverrides<M>): Promise<Rows[M][]>
  createList(overrides: readonly Overrides<M>[]): Promise<Rows[M][]>
  /** The same factory with traits applied (later traits win; explicit overrides win over all). */
  with(...traits: TraitNames[M][]): ModelFactory<M>
  /** The same factory with one more after-create hook. */
  afterCreate(hook: AfterCreateHook<M>): ModelFactory<M>
}

export type Factories = {
  readonly organization: ModelFactory<'organization'>
  readonly user: ModelFactory<'user'>
  readonly membership: ModelFactory<'membership'>
  readonly contentItem: ModelFactory<'contentItem'>
  readonly auditEvent: ModelFactory<'auditEvent'>
  /** The ambient tenant: `factories.tenant.run(org, () => …)`. */
  readonly tenant: TenantScope
  /** An organization with its owner, members by role and content, in a handful of INSERTs. */
  createTenant(spec?: TenantSpec): Promise<TenantGraph>
  /** The same graph, built without the database. */
  buildTenant(spec?: TenantSpec): TenantGraph
  /** The seeded faker the factories draw from, for values of your own. */
  readonly faker: Faker
  /** The faker seed: `createFactories(db, { seed })` with it gives the same rows. */
  readonly seed: number
  /** The namespace that keeps unique columns apart across workers and runs. */
  readonly namespace: string
}

type Row = Record<string, unknown>
type State<M extends ModelName> = { traits: readonly TraitNames[M][]; hooks: readonly AfterCreateHook<M>[] }

/**
 * Typed factories for every model.
 * @example
 * const factories = createFactories(db, { seed: 42 })
 * const org = await factories.organization.create({ name: 'Acme' })
 * const admin = await factories.membership.with('admin').create({ organization: org })
 * const posts = await factories.contentItem.with('published').createList(20, { organization: org })
 * const { owner, members } = await factories.createTenant({ members: { ADMIN: 2, MEMBER: 5 }, content: 20 })
 */
export function createFactories(
  db: FactoryClient | (() => FactoryClient),
  options: FactoryOptions = {},
): Factories {
  const seed = options.seed ?? randomInt(2 ** 31)
  const sequences = new Sequences(options.sequenceNamespace ?? defaultNamespace(options.runId))
  const env: FactoryEnv = {
    faker: createFaker(seed),
    sequences,
    clock: new Clock(options.now),
    definitions,
    memberships: new Map(),
  }
  const client = typeof db === 'function' ? db : () => db
  const insertOptions = { strategy: options.insert, chunkSize: options.chunkSize, seed }

  const insert = async (graph: Graph): Promise<Map<string, Row>> => {
    const db = client()
    const stored = await insertPlans(db, graph.plans, definitions, insertOptions)
    for (const plan of graph.plans) {
      if (plan.hooks.length === 0) continue
      const row = stored.get(plan.row.id as string) as Row
      const ctx = { factories, transient: plan.transient, db } as never
      for (const hook of plan.hooks) {
        const run = () => hook(row, ctx)
        if (plan.tenantId === undefined) await run()
        else {
          const slug = plan.model === 'organization' ? (row.slug as string) : undefined
          const ref = { id: plan.tenantId, slug }
          await runInTenant(
            ref,
            `it is made in an afterCreate hook of ${plan.model} ${row.id}, in ${describeTenant(ref)}`,
            run,
          )
        }
      }
    }
    return stored
  }

  const planRoots = <M extends ModelName>(
    graph: Graph,
    model: M,
    list: readonly Overrides<M>[],
    state: State<M>,
  ) => {
    const scope: PlanScope | undefined = ambientTenant()
    return list.map((overrides) => graph.add(model, overrides, state.traits, state.hooks, scope))
  }

  const modelFactory = <M extends ModelName>(model: M, state: State<M>): ModelFactory<M> => {
    const build = (list: readonly Overrides<M>[]) => planRoots(new Graph(env), model, list, state)
    const create = async (list: readonly Overrides<M>[]) => {
      const graph = new Graph(env)
      const roots = planRoots(graph, model, list, state)
      const stored = await insert(graph)
      return roots.map((row) => stored.get(row.id) as Rows[M])
    }
    return {
      model,
      build: (overrides) => first(build([overrides ?? {}])),
      buildList: (countOrList: number | readonly Overrides<M>[], overrides?: ListOverrides<M>) =>
        build(expand(model, countOrList, overrides)),
      create: async (overrides) => first(await create([overrides ?? {}])),
      createList: async (countOrList: number | readonly Overrides<M>[], overrides?: ListOverrides<M>) =>
        create(expand(model, countOrList, overrides)),
      with: (...traits) => modelFactory(model, { ...state, traits: [...state.traits, ...traits] }),
      afterCreate: (hook) => modelFactory(model, { ...state, hooks: [...state.hooks, hook] }),
    }
  }

  const none = { traits: [], hooks: [] }
  const factories: Factories = {
    organization: modelFactory('organization', none),
    user: modelFactory('user', none),
    membership: modelFactory('membership', none),
    contentItem: modelFactory('contentItem', none),
    auditEvent: modelFactory('auditEvent', none),
    tenant,
    createTenant: async (spec) => {
      const graph = new Graph(env)
      const resolve = planTenant(graph, spec)
      const stored = await insert(graph)
      return resolve((planned) => stored.get(planned.id) as typeof planned)
    },
    buildTenant: (spec) => planTenant(new Graph(env), spec)((planned) => planned),
    faker: env.faker,
    seed,
    namespace: sequences.namespace,
  }
  return factories
}

function expand<M extends ModelName>(
  model: M,
  countOrList: number | readonly Overrides<M>[],
  overrides: ListOverrides<M> | undefined,
): Overrides<M>[] {
  if (typeof countOrList !== 'number') return [...countOrList]
  if (!Number.isSafeInteger(countOrList) || countOrList < 0) {
    throw new FactoryUsageError(`${model}.createList(${countOrList}): the count must be a whole number ≥ 0.`)
  }
  return Array.from({ length: countOrList }, (_, index) =>
    typeof overrides === 'function' ? overrides(index) : (overrides ?? {}),
  )
}

function first<T>(rows: readonly T[]): T {
  const [row] = rows
  if (row === undefined) throw new Error('unreachable: a one-row list came back empty')
  return row
}
