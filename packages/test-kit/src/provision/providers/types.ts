// The shape every database provider returns: a superuser URL and a way to stop.
import type { ProviderName } from '../context.ts'

export type StartedServer = {
  provider: ProviderName
  adminUrl: string
  /** Stops the server and removes everything it left on disk; idempotent. */
  stop(): Promise<void>
  /** Throwaway servers may be tuned and have their databases dropped freely. */
  throwaway: boolean
}
