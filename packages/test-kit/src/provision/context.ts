// What the globalSetup hands to every worker through Vitest's typed provide/inject.
export type ProviderName = 'external' | 'testcontainers' | 'embedded'

export type TestServerInfo = {
  /** Superuser URL of the server's `postgres` database. */
  adminUrl: string
  /** Name of the migrated template database that workers clone. */
  template: string
  /** Unique id of this Vitest run; every database the run creates starts with `tk_run_<runId>_`. */
  runId: string
  /**
   * This run's folder under the state root (named with the run id): the processes tests spawn are
   * registered there and their scratch folders live there, so whoever ends the run ends those too.
   */
  runDir: string
  provider: ProviderName
  /** PostgreSQL server_version, e.g. "18.4". */
  serverVersion: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    tenantkit: TestServerInfo
  }
}
