// The kit's HTTP side: the typed inject client (Fastify, Express 5 and Hono 4 apps, one adapter
// each), the app's tenancy description, app fixtures and the role matrix built on it, and the
// access walk (cross-tenant walk and authorization matrix).
export { type AccessReport, AccessRulesError, expectAccessRules } from './access-rules.ts'
export {
  type ApiClient,
  type ApiClientConfig,
  type ApiError,
  type ApiResponse,
  type AuthMode,
  createApiClient,
  type Identity,
  type TokenSubject,
  type Unchecked,
  unchecked,
} from './api-client.ts'
export type { AdapterName, AppAdapter, AppRequest, AppResponse } from './app-adapter.ts'
export { bindFastifyModule } from './bind-fastify-module.ts'
export { type BoundTenancy, bindTenancy } from './bound-tenancy.ts'
export { type DeclaredRoute, type DeclaredSchema, declareRoute } from './declare-route.ts'
export type { Unverified, WalkFailure } from './hierarchy-walk.ts'
export type { Expectation, MatrixCell, MatrixRow } from './role-matrix.ts'
export type { Caller, CallerSource } from './route-calls.ts'
export { type RecordedRoute, recordRoutes, routesOf } from './route-table.ts'
export type { AnyApp, App, PathParams, RouteMap } from './route-types.ts'
export { SchemaSampleError, sampleFromSchema } from './schema-sample.ts'
export {
  defineTenancy,
  type FixtureNames,
  type OutsiderStatus,
  type RouteAccess,
  type Tenancy,
  type TenancyDescription,
  type TenantRoutes,
} from './tenancy.ts'
export {
  type AppFixtures,
  eachRoleFor,
  type RoleCase,
  type RoleExpectations,
  type TenancyContext,
  type TestTenancy,
  type WithAppConfig,
  withApp,
} from './with-app.ts'
