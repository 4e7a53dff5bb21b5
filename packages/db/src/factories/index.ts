// This domain's factories, shared by every app's suite and by `pnpm dev`'s demo data.
export {
  type AppFactories,
  appFactories,
  createAppFactories,
  type Overrides,
  orgTenancy,
  type TenantBuilders,
} from './app-factories.ts'
export { customizations } from './customizations.ts'
export {
  type DemoData,
  type DemoLogin,
  deleteDemoData,
  type SeedDemoOptions,
  seedDemoData,
} from './demo-data.ts'
export type { TenantGraph, TenantMember, TenantSpec } from './tenant.ts'
export {
  DEFAULT_PASSWORD,
  hashPassword,
  TEST_DATA_SCRYPT,
  testHashesComputed,
  testPasswordHash,
  verifyPassword,
} from './test-password.ts'
