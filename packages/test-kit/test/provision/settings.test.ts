// Provider selection and the errors for settings that cannot work.
import { describe, expect, test } from 'vitest'
import { chooseProvider } from '../../src/provision/choose-provider.ts'
import { dockerUnavailableReason } from '../../src/provision/providers/testcontainers.ts'
import { DEFAULT_PG_IMAGE, readSettings, vitestWorker } from '../../src/provision/settings.ts'

describe('readSettings', () => {
  test('defaults to auto, the pinned image, and no external server', () => {
    expect(readSettings({ XDG_CACHE_HOME: '/cache' })).toEqual({
      provider: 'auto',
      externalUrl: undefined,
      image: DEFAULT_PG_IMAGE,
      keepFailedDb: false,
      stateDir: undefined,
      cacheDir: '/cache/tenantkit',
      migrationsDir: undefined,
      seed: undefined,
      dockerHost: undefined,
    })
  })

  test('puts the cluster cache under XDG_CACHE_HOME or TEST_KIT_CACHE_DIR, and turns it off with off', () => {
    expect(readSettings({ XDG_CACHE_HOME: '/var/cache/me' }).cacheDir).toBe('/var/cache/me/tenantkit')
    expect(readSettings({ XDG_CACHE_HOME: '/x', TEST_KIT_CACHE_DIR: '/ci/cache' }).cacheDir).toBe('/ci/cache')
    expect(readSettings({ TEST_KIT_CACHE_DIR: 'off' }).cacheDir).toBeUndefined()
  })

  test('rejects an unknown provider, naming the setting and the choices', () => {
    expect(() => readSettings({ TEST_DB_PROVIDER: 'sqlite' })).toThrow(
      /TEST_DB_PROVIDER=sqlite is not a provider\. Use one of auto, external, testcontainers, embedded/,
    )
  })

  test('rejects external without a URL, saying what to set', () => {
    expect(() => readSettings({ TEST_DB_PROVIDER: 'external' })).toThrow(/TEST_DATABASE_URL is not set/)
  })

  test('rejects a URL that is not postgresql://', () => {
    expect(() => readSettings({ TEST_DATABASE_URL: 'mysql://x' })).toThrow(/must be a postgresql:\/\/ URL/)
  })

  test('reads the cache folder (or none), the migrations folder, TEST_SEED and DOCKER_HOST', () => {
    expect(
      readSettings({
        TEST_KIT_CACHE_DIR: '/var/cache/tk',
        TEST_MIGRATIONS_DIR: 'db/migrations',
        TEST_SEED: '1234567',
        DOCKER_HOST: 'tcp://docker:2375',
      }),
    ).toMatchObject({
      cacheDir: '/var/cache/tk',
      migrationsDir: 'db/migrations',
      seed: 1234567,
      dockerHost: 'tcp://docker:2375',
    })
    expect(readSettings({ TEST_KIT_CACHE_DIR: 'off' }).cacheDir).toBeUndefined()
    expect(readSettings({ TEST_KEEP_FAILED_DB: 'true' }).keepFailedDb).toBe(true)
    expect(readSettings({ TEST_KEEP_FAILED_DB: '0' }).keepFailedDb).toBe(false)
  })

  test("hands out Vitest's worker ids, which are not settings", () => {
    expect(vitestWorker({ VITEST_POOL_ID: '2', VITEST_WORKER_ID: '7' })).toEqual({
      poolId: '2',
      workerId: '7',
    })
    expect(vitestWorker({})).toEqual({ poolId: undefined, workerId: undefined })
  })

  test('reads the image and the keep-failed switch', () => {
    const settings = readSettings({ TEST_PG_IMAGE: 'local/postgres:15', TEST_KEEP_FAILED_DB: '1' })
    expect(settings.image).toBe('local/postgres:15')
    expect(settings.keepFailedDb).toBe(true)
  })
})

describe('chooseProvider', async () => {
  /** Only the choice is looked at: nothing is started in this run. */
  const run = { dir: 'r', mark: 'tenantkit-r', end: async () => {} }
  const dockerMissing = await dockerUnavailableReason(readSettings().dockerHost)

  test('auto prefers TEST_DATABASE_URL', async () => {
    const choice = await chooseProvider(readSettings({ TEST_DATABASE_URL: 'postgresql://u@h/postgres' }), run)
    expect(choice.reason).toBe('TEST_DATABASE_URL is set')
  })

  test('auto falls back to testcontainers or embedded and says why', async () => {
    const choice = await chooseProvider(readSettings({}), run)
    expect(choice.reason).toBe(
      dockerMissing
        ? 'no TEST_DATABASE_URL and no Docker engine'
        : `a Docker engine answered, image ${DEFAULT_PG_IMAGE}`,
    )
  })

  test('forcing testcontainers without Docker fails at once with the fix', async () => {
    const forced = chooseProvider(readSettings({ TEST_DB_PROVIDER: 'testcontainers' }), run)
    if (dockerMissing) {
      await expect(forced).rejects.toThrow(
        /TEST_DB_PROVIDER=testcontainers, but no Docker engine answered .*Start Docker/,
      )
    } else {
      await expect(forced).resolves.toMatchObject({
        reason: expect.stringContaining('TEST_DB_PROVIDER=testcontainers'),
      })
    }
  })

  test('an external URL that does not answer fails with the URL (password hidden) and the fix', async () => {
    const choice = await chooseProvider(
      readSettings({
        TEST_DB_PROVIDER: 'external',
        TEST_DATABASE_URL: 'postgresql://u:secret@127.0.0.1:1/postgres',
      }),
      run,
    )
    const error = await choice.start().catch((e: unknown) => e as Error)
    expect(String(error)).toMatch(
      /TEST_DATABASE_URL=postgresql:\/\/u:\*\*\*@127\.0\.0\.1:1\/postgres could not be used/,
    )
    expect(String(error)).not.toContain('secret')
  })
})
