// Typed tenant factories for the tenantkit schema: build/create/lists, traits, transient params,
// associations, an ambient tenant, bulk inserts and reproducible data. See docs/factories.md.
export { DEFAULT_CHUNK_SIZE, type InsertStrategy } from './bulk.ts'
export {
  createFactories,
  type Factories,
  type FactoryOptions,
  type ListOverrides,
  type ModelFactory,
} from './create-factories.ts'
export type { TenantGraph, TenantMember, TenantSpec } from './create-tenant.ts'
export type {
  AfterCreateHook,
  FactoryClient,
  HookContext,
  ModelName,
  Overrides,
  Relations,
  Rows,
  TraitNames,
  Transients,
} from './define-factory.ts'
export { FactoryUsageError } from './graph.ts'
export { DEFAULT_PASSWORD, hashPassword, verifyPassword } from './password.ts'
export { SeedError } from './seed.ts'
export {
  type DemoData,
  type DemoLogin,
  deleteDemoData,
  type SeedDemoOptions,
  seedDemoData,
} from './seed-demo-data.ts'
export { TenantMixError, type TenantRef, type TenantScope, tenant } from './tenant-context.ts'
export { createTestFactories, replayCommand, runSeed } from './test-factories.ts'
