// The shape every database provider returns: a superuser URL and a way to stop.
import type { ProviderName } from '../context.ts'

export type StartedServer = {
  provider: ProviderName
  adminUrl: string
  /** Stops the server and removes everything it left on disk; idempotent. */
  stop(): Promise<void>
  /** Throwaway servers may be tuned and have their databases dropped freely. */
  throwaway: boolean
  /**
   * Embedded with a cluster cache whose cluster did not come with the template: stops the server,
   * keeps a copy of its cluster for later runs with the same template, and starts it again at the
   * same URL (connections drop). Call it once the template is built, before anything else runs.
   */
  cacheTemplateCluster?(): Promise<void>
}
