// Customising a model's factory, typed from the data model: default overrides (values or lazy
// attribute functions), traits, transient params, children planned into the same batch,
// after-create hooks and after-plan checks. Everything is optional: a model with no customisation
// still gets a factory from its schema.
import type { Faker } from '@faker-js/faker'
import type { DataModel } from './data-model.ts'
import type { ModelKey, OverridesOf, RowOf } from './types.ts'

/** The client factories write with: a PrismaClient or an interactive transaction's client. */
export type FactoryClient = {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>
}

export type PlanContext<DM extends DataModel, T = unknown> = {
  readonly faker: Faker
  readonly transient: Readonly<T>
  /** 1, 2, 3… per name (default: the model's key), per set of factories. */
  sequence(name?: string): number
  /** `<n>-<namespace>`: unique across Vitest workers, files and runs. For unique columns. */
  unique(name?: string): string
  /** Plans a related row into the same graph (inserted in the same batch) and returns it. */
  plan<P extends ModelKey<DM>>(model: P, overrides?: OverridesOf<DM, P>, ...traits: string[]): RowOf<DM, P>
  /** State shared by every row one set of factories plans (bookkeeping for checks across rows). */
  shared<V>(key: string, init: () => V): V
}

export type AttributeContext<DM extends DataModel, K extends string, T = unknown> = PlanContext<DM, T> & {
  /** Lazy attributes: the final value of another column of this row (override, trait or default). */
  get<F extends keyof RowOf<DM, K>>(field: F): RowOf<DM, K>[F]
  /** The factories' clock: never goes backwards and ticks ≥1 ms per call, so creation order is time order. */
  now(): Date
  /** The row's tenant key: the ambient tenant, its parent's, or a new tenant planned for it. */
  tenantId(): string
  /** Whether `tenantId()` had to plan a new tenant for this row. */
  ownsTenant(): boolean
}

type AttributeFn<DM extends DataModel, K extends string, T, F extends keyof RowOf<DM, K>> = (
  ctx: AttributeContext<DM, K, T>,
) => RowOf<DM, K>[F]

type Attributes<DM extends DataModel, K extends string, T> = {
  [F in keyof RowOf<DM, K>]?: RowOf<DM, K>[F] | AttributeFn<DM, K, T, F>
}

export type HookContext<T = unknown> = {
  /** The set of factories that made the row (loosely typed: hooks are written before it exists). */
  readonly factories: AnyFactories
  readonly transient: Readonly<T>
  readonly db: FactoryClient
}

/** Runs after the row is in the database (inside `tenant.run` of its tenant). */
export type AfterCreateHook<Row, T = unknown> = (row: Row, ctx: HookContext<T>) => void | Promise<void>

/** Plans has-many children of a row into the same batch (the bulk-friendly alternative to a hook). */
type ChildrenFn<DM extends DataModel, K extends string, T> = (
  row: RowOf<DM, K>,
  ctx: PlanContext<DM, T>,
) => void

export type Trait<DM extends DataModel, K extends string, T> = {
  attributes?: Attributes<DM, K, T>
  transient?: Partial<T>
  children?: ChildrenFn<DM, K, T>
  afterCreate?: AfterCreateHook<RowOf<DM, K>, T>
}

export type ModelCustomization<
  DM extends DataModel,
  K extends string,
  T = unknown,
  TN extends string = never,
> = {
  /** Transient params and their defaults: they shape what is made but are not columns. */
  transient?: T
  attributes?: Attributes<DM, K, T>
  traits?: { [N in TN]: Trait<DM, K, T> }
  children?: ChildrenFn<DM, K, T>
  afterCreate?: AfterCreateHook<RowOf<DM, K>, T>
  /** Runs once the row is planned: consistency checks across rows. */
  afterPlan?: (row: RowOf<DM, K>, ctx: AttributeContext<DM, K, T>) => void
}

export type Customizations<DM extends DataModel> = {
  // biome-ignore lint/suspicious/noExplicitAny: each model's transient and trait types are its own.
  [K in ModelKey<DM>]?: ModelCustomization<DM, K, any, any>
}

/**
 * Checks one model's customisation against the schema (and infers its transient params and trait
 * names).
 * @example
 * export const user = defineFactory(dataModel, 'user', {
 *   transient: { password: undefined as string | undefined },
 *   attributes: { passwordHash: ({ transient }) => testPasswordHash(transient.password) },
 *   traits: { inactive: { attributes: { isActive: false } } },
 * })
 */
export function defineFactory<
  DM extends DataModel,
  K extends ModelKey<DM>,
  T extends object = Record<never, never>,
  TN extends string = never,
>(
  _dataModel: DM,
  _model: K,
  customization: ModelCustomization<DM, K, T, TN>,
): ModelCustomization<DM, K, T, TN> {
  return customization
}

/** Any set of factories, whatever its schema (what hooks and extensions see). */
export type AnyFactories = Record<string, unknown> & {
  // biome-ignore lint/suspicious/noExplicitAny: loosely typed on purpose.
  readonly [model: string]: any
}
