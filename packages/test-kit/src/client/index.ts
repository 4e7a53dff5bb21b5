// The kit's HTTP side: the typed inject client, app fixtures, the access rules (hierarchy walk
// and authorization matrix) and the tenant-isolation walk.
export {
  type AccessReport,
  AccessRulesConfigError,
  AccessRulesError,
  type AccessRulesOptions,
  expectAccessRules,
} from './access-rules.ts'
export {
  type ApiClient,
  type ApiClientConfig,
  type ApiError,
  type ApiResponse,
  type AuthMode,
  createApiClient,
  type Identity,
  type Unchecked,
  unchecked,
} from './api-client.ts'
export type { AccessTenant, WalkFailure } from './hierarchy-walk.ts'
export type { Expectation, MatrixCell, MatrixRow, RouteAccess } from './role-matrix.ts'
export type { Caller, CallerSource } from './route-calls.ts'
export { type RecordedRoute, recordRoutes, routesOf } from './route-table.ts'
export type { AnyApp, PathParams, RouteMap } from './route-types.ts'
export { SchemaSampleError, sampleFromSchema } from './schema-sample.ts'
export {
  expectTenantIsolation,
  type IsolationReport,
  type TenantIsolationOptions,
} from './tenant-isolation.ts'
export {
  type AppFixtures,
  eachRoleFor,
  type RoleCase,
  type RoleExpectations,
  type TenantFixtures,
  type TenantMemberOf,
  type WithAppConfig,
  withApp,
} from './with-app.ts'
