// Every error the test kit throws: an exported class with a stable `code`, its message naming the
// setting at fault and the fix. The catalogue, with what to do for each: docs/errors.md.
// (The factories' errors live in @tenantkit/factories' errors.ts and are re-exported by the kit.)

/** A setting (environment variable) the kit cannot work with. `setting` names it. */
export class KitSettingsError extends Error {
  override name = 'KitSettingsError'
  readonly code = 'TK_SETTINGS'
  readonly setting: string
  constructor(setting: string, message: string, options?: ErrorOptions) {
    super(message, options)
    this.setting = setting
  }
}

/** No migration history to build the template from (TEST_MIGRATIONS_DIR, or none found). */
export class MigrationsNotFoundError extends Error {
  override name = 'MigrationsNotFoundError'
  readonly code = 'TK_MIGRATIONS_NOT_FOUND'
}

/** A migration failed while the template was built; the cause is the engine's error. */
export class MigrationFailedError extends Error {
  override name = 'MigrationFailedError'
  readonly code = 'TK_MIGRATION_FAILED'
}

/** TEST_DB_PROVIDER=testcontainers, but no Docker engine answers. */
export class DockerUnavailableError extends Error {
  override name = 'DockerUnavailableError'
  readonly code = 'TK_DOCKER_UNAVAILABLE'
}

/** TEST_DATABASE_URL points at a server the kit cannot use (unreachable, or a role without CREATEDB). */
export class ExternalServerError extends Error {
  override name = 'ExternalServerError'
  readonly code = 'TK_EXTERNAL_SERVER'
}

/** The embedded PostgreSQL did not start; the message ends with its log. */
export class EmbeddedServerError extends Error {
  override name = 'EmbeddedServerError'
  readonly code = 'TK_EMBEDDED_SERVER'
}

/** As root, the postgres user cannot enter a folder above the embedded server's data folder. */
export class StateDirError extends Error {
  override name = 'StateDirError'
  readonly code = 'TK_STATE_DIR'
}

/** Another session is connected to the template, so PostgreSQL refuses to copy it. */
export class TemplateBusyError extends Error {
  override name = 'TemplateBusyError'
  readonly code = 'TK_TEMPLATE_BUSY'
}

/** A database-mode test's database could not be cloned (in the background); the cause says why. */
export class CloneFailedError extends Error {
  override name = 'CloneFailedError'
  readonly code = 'TK_CLONE_FAILED'
}

/** `createKit({ role })` names a role the test's connection cannot take (missing, or not granted). */
export class AppRoleError extends Error {
  override name = 'AppRoleError'
  readonly code = 'TK_APP_ROLE'
}

/** The test's database client was used where no test is running (top level, beforeAll, after the test). */
export class DatabaseOutsideTestError extends Error {
  override name = 'DatabaseOutsideTestError'
  readonly code = 'TK_DB_OUTSIDE_TEST'
}

/** `useDatabase().db` read outside a test or its beforeEach/afterEach. */
export class UseDatabaseError extends Error {
  override name = 'UseDatabaseError'
  readonly code = 'TK_USE_DATABASE_OUTSIDE_TEST'
}

/** Tests run concurrently where the kit serves one test at a time (`useDatabase()` hooks). */
export class ConcurrentTestsError extends Error {
  override name = 'ConcurrentTestsError'
  readonly code = 'TK_CONCURRENT_TESTS'
}

/** withApp's `buildApp` returned a promise instead of the Fastify instance. */
export class WithAppError extends Error {
  override name = 'WithAppError'
  readonly code = 'TK_BUILD_APP_RETURNED_PROMISE'
}

/** The API client was asked for something it cannot send (a path parameter missing, …). */
export class ApiClientUsageError extends Error {
  override name = 'ApiClientUsageError'
  readonly code = 'TK_API_CLIENT_USAGE'
}

/** The tenancy description cannot be used as given; the message names the field and the fix. */
export class TenancyError extends Error {
  override name = 'TenancyError'
  readonly code = 'TK_TENANCY'
}

/** The app's route table is missing (the app was not built by withApp, nor recorded). */
export class RouteTableError extends Error {
  override name = 'RouteTableError'
  readonly code = 'TK_ROUTE_TABLE'
}

/** A tracked process ended, or printed nothing matching, before what a test waited for. */
export class ProcessWaitError extends Error {
  override name = 'ProcessWaitError'
  readonly code = 'TK_PROCESS_WAIT'
}
