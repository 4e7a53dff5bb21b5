// @tenantkit/test-kit: real PostgreSQL for Vitest — provisioning, isolation, factories, API client.
export { expect } from 'vitest'
export { type IsolationMode, test } from './fixtures.ts'
export type { ProviderName, TestServerInfo } from './provision/context.ts'
