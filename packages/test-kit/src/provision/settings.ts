// Every environment variable the test kit reads, validated in one place: the rest of the kit
// receives these values and never reads process.env itself.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { readTestSeed } from '@tenantkit/factories/test-seed'
import { KitSettingsError } from '../errors.ts'

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
   * TEST_KIT_CACHE_DIR: where the embedded provider keeps a pristine initdb cluster (default
   * $XDG_CACHE_HOME/tenantkit, else ~/.cache/tenantkit); undefined when set to `off`.
   */
  cacheDir: string | undefined
  /** TEST_MIGRATIONS_DIR: the migration history to use instead of the nearest prisma/migrations. */
  migrationsDir: string | undefined
  /** TEST_SEED: the factories' base seed, as a failed test printed it (default: Vitest's seed). */
  seed: number | undefined
  /** DOCKER_HOST, as Docker and testcontainers read it: when set, an engine may answer there. */
  dockerHost: string | undefined
}

const SWITCH_VALUES: Record<string, boolean> = { '': false, '0': false, false: false, '1': true, true: true }

/**
 * Reads and checks the kit's settings; a value that cannot work throws a KitSettingsError naming
 * the variable and the fix.
 * @example const { provider, externalUrl } = readSettings()
 */
export function readSettings(env: NodeJS.ProcessEnv = process.env): KitSettings {
  const provider = (env.TEST_DB_PROVIDER?.trim() || 'auto') as ProviderChoice
  if (!PROVIDER_CHOICES.includes(provider)) {
    throw new KitSettingsError(
      'TEST_DB_PROVIDER',
      `TEST_DB_PROVIDER=${env.TEST_DB_PROVIDER} is not a provider. Use one of ${PROVIDER_CHOICES.join(', ')}, or unset it to pick automatically.`,
    )
  }
  const externalUrl = env.TEST_DATABASE_URL?.trim() || undefined
  if (externalUrl && !/^postgres(ql)?:\/\//.test(externalUrl)) {
    throw new KitSettingsError(
      'TEST_DATABASE_URL',
      `TEST_DATABASE_URL must be a postgresql:// URL (got "${externalUrl}"). Fix it, or unset it to use the embedded PostgreSQL.`,
    )
  }
  if (provider === 'external' && !externalUrl) {
    throw new KitSettingsError(
      'TEST_DATABASE_URL',
      'TEST_DB_PROVIDER=external, but TEST_DATABASE_URL is not set. Set TEST_DATABASE_URL=postgresql://user:pass@host:5432/postgres (a superuser), or unset TEST_DB_PROVIDER.',
    )
  }
  const keep = SWITCH_VALUES[env.TEST_KEEP_FAILED_DB?.trim().toLowerCase() ?? '']
  if (keep === undefined) {
    throw new KitSettingsError(
      'TEST_KEEP_FAILED_DB',
      `TEST_KEEP_FAILED_DB=${env.TEST_KEEP_FAILED_DB} is not a switch. Set it to 1 to keep a failed database-mode test's database, or unset it.`,
    )
  }
  return {
    provider,
    externalUrl,
    image: env.TEST_PG_IMAGE?.trim() || DEFAULT_PG_IMAGE,
    keepFailedDb: keep,
    stateDir: env.TEST_KIT_STATE_DIR?.trim() || undefined,
    cacheDir: readCacheDir(env),
    migrationsDir: env.TEST_MIGRATIONS_DIR?.trim() || undefined,
    seed: readTestSeed(env),
    dockerHost: env.DOCKER_HOST?.trim() || undefined,
  }
}

/**
 * TEST_KIT_CACHE_DIR: where the embedded provider keeps stopped clusters (`off`: nowhere). Read on
 * its own for `pnpm dev`, whose new data folder starts from the cached initdb cluster too.
 */
export function readCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.TEST_KIT_CACHE_DIR?.trim()
  if (configured === 'off') return undefined
  return configured || join(env.XDG_CACHE_HOME?.trim() || join(homedir(), '.cache'), 'tenantkit')
}

/**
 * Vitest's ids of the current worker. Not settings — Vitest sets them in each worker and no user
 * does — but read here so that this stays the one module of the kit that touches process.env.
 * - `poolId`: the worker's slot (1…maxWorkers), reused by the files it runs one after another;
 * - `workerId`: unique per test file run.
 */
export function vitestWorker(env: NodeJS.ProcessEnv = process.env): {
  poolId: string | undefined
  workerId: string | undefined
} {
  return { poolId: env.VITEST_POOL_ID, workerId: env.VITEST_WORKER_ID }
}
