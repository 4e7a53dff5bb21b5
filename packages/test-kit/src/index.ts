// @tenantkit/test-kit: real PostgreSQL for Vitest — provisioning, isolation, factories, API client.
// It knows no model: an app binds it to its schema once with `createKit`.
export { expect } from 'vitest'
export * from './client/index.ts'
export { createKit, type Kit, type KitConfig } from './create-kit.ts'
export * from './errors.ts'
export * from './factories/index.ts'
export { bindPrismaModule } from './isolation/bind-prisma-module.ts'
export { OuterClientInTransactionError, QueryCountUnavailableError } from './isolation/errors.ts'
export type { ClientFactory, DatabaseBinding, KitClient } from './isolation/kit-client.ts'
export { createQueryCounter, type QueryCounter, type QueryMeasurement } from './isolation/query-counter.ts'
export type { IsolationMode } from './isolation/test-database.ts'
export type { ProviderName, TestServerInfo } from './provision/context.ts'
export { NoKitRunError } from './run/current-run.ts'
export { type ScratchDir, scratchDir } from './run/scratch-dir.ts'
export {
  runTracked,
  type SpawnTrackedOptions,
  spawnTracked,
  type TrackedExit,
  type TrackedProcess,
  type TrackedResult,
} from './run/spawn-tracked.ts'
