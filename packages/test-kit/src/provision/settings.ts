// Every environment variable the test kit reads, validated in one place.
import { homedir } from 'node:os'
import { join } from 'node:path'

export const PROVIDER_CHOICES = ['auto', 'external', 'testcontainers', 'embedded'] as const
export type ProviderChoice = (typeof PROVIDER_CHOICES)[number]

/** The image used by the testcontainers provider unless TEST_PG_IMAGE says otherwise. */
export const DEFAULT_PG_IMAGE = 'postgres:18-alpine'

export type KitSettings = {
  provider: ProviderChoice
  /** TEST_DATABASE_URL: a server to use instead of starting one. */
  externalUrl: string | undefined
  /** TEST_PG_IMAGE */
  image: string
  /** TEST_KEEP_FAILED_DB=1 keeps a failed test's database (database mode). */
  keepFailedDb: boolean
  /** TEST_KIT_STATE_DIR: where throwaway data directories go (default: /dev/shm when present). */
  stateDir: string | undefined
  /**
   * TEST_KIT_CACHE_DIR: where the embedded provider keeps cached clusters (default
   * $XDG_CACHE_HOME/tenantkit, else ~/.cache/tenantkit); undefined when set to `off`.
   */
  cacheDir: string | undefined
}

export class KitSettingsError extends Error {
  override name = 'KitSettingsError'
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): KitSettings {
  const provider = (env.TEST_DB_PROVIDER?.trim() || 'auto') as ProviderChoice
  if (!PROVIDER_CHOICES.includes(provider)) {
    throw new KitSettingsError(
      `TEST_DB_PROVIDER=${env.TEST_DB_PROVIDER} is not a provider. Use one of ${PROVIDER_CHOICES.join(', ')}, or unset it to pick automatically.`,
    )
  }
  const externalUrl = env.TEST_DATABASE_URL?.trim() || undefined
  if (externalUrl && !/^postgres(ql)?:\/\//.test(externalUrl)) {
    throw new KitSettingsError(
      `TEST_DATABASE_URL must be a postgresql:// URL (got "${externalUrl}"). Fix it, or unset it to use the embedded PostgreSQL.`,
    )
  }
  if (provider === 'external' && !externalUrl) {
    throw new KitSettingsError(
      'TEST_DB_PROVIDER=external, but TEST_DATABASE_URL is not set. Set TEST_DATABASE_URL=postgresql://user:pass@host:5432/postgres (a superuser), or unset TEST_DB_PROVIDER.',
    )
  }
  return {
    provider,
    externalUrl,
    image: env.TEST_PG_IMAGE?.trim() || DEFAULT_PG_IMAGE,
    keepFailedDb: env.TEST_KEEP_FAILED_DB === '1' || env.TEST_KEEP_FAILED_DB === 'true',
    stateDir: env.TEST_KIT_STATE_DIR?.trim() || undefined,
    cacheDir: cacheDir(env),
  }
}

function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const configured = env.TEST_KIT_CACHE_DIR?.trim()
  if (configured === 'off') return undefined
  return configured || join(env.XDG_CACHE_HOME?.trim() || join(homedir(), '.cache'), 'tenantkit')
}
