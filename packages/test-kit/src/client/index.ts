// The kit's HTTP side: the typed inject client, app fixtures, the role matrix and the
// tenant-isolation walk.
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
export { type RecordedRoute, recordRoutes, routesOf } from './route-table.ts'
export type { AnyApp, PathParams, RouteMap } from './route-types.ts'
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
