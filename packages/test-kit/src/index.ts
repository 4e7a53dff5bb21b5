// @tenantkit/test-kit: real PostgreSQL for Vitest — provisioning, isolation, factories, API client.
export { expect } from 'vitest'
export * from './client/index.ts'
export * from './factories/index.ts'
export { test } from './fixtures.ts'
export { useDatabase } from './hooks.ts'
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
