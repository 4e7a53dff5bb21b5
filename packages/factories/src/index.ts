// @tenantkit/factories: typed factories for every model of a Prisma schema, read from the data
// model `tenantkit-data-model` generates. No model is named here: apps customise what they care
// about beside their schema. See docs/factories.md.
export { DEFAULT_CHUNK_SIZE, type InsertStrategy } from './bulk.ts'
export {
  createFactories,
  defineFactories,
  type Factories,
  type FactoriesCore,
  type FactoriesSpec,
  type FactoryOptions,
  type ListOverrides,
  type ModelFactories,
  type ModelFactory,
  type Planner,
  type TraitNamesOf,
  type TransientOf,
} from './create-factories.ts'
export type {
  DataModel,
  FieldDefault,
  FieldMeta,
  ModelMeta,
  RelationFieldMeta,
  ScalarFieldMeta,
} from './data-model.ts'
export {
  type AfterCreateHook,
  type AnyFactories,
  type AttributeContext,
  type Customizations,
  defineFactory,
  type FactoryClient,
  type HookContext,
  type ModelCustomization,
  type PlanContext,
  type Trait,
} from './define.ts'
export {
  DataModelError,
  DataModelGeneratorError,
  FactoryUsageError,
  SeedError,
  SequenceNamespaceError,
  TenantMixError,
  UniqueCollisionError,
} from './errors.ts'
export type { TenancyConfig } from './schema-info.ts'
export { createFaker, hashSeed, readTestSeed } from './seed.ts'
export { defaultNamespace } from './sequences.ts'
export { describeTenant, type TenantRef, type TenantScope, tenant } from './tenant-context.ts'
export { emailLocalPart, slugify } from './text.ts'
export type { EnumTraitsOf, ModelKey, OverridesOf, RelationsOf, RowOf } from './types.ts'
