// Picks the database provider: TEST_DB_PROVIDER when forced, else external → testcontainers →
// embedded, and says in one line which one and why. testcontainers is imported only when Docker is
// in play: loading it costs ~0.3 s of every cold start.
import { DockerUnavailableError } from '../errors.ts'
import { noDockerSocketReason } from './providers/docker-socket.ts'
import { startEmbedded } from './providers/embedded.ts'
import { useExternal } from './providers/external.ts'
import type { StartedServer } from './providers/types.ts'
import type { KitSettings } from './settings.ts'
import type { Run } from './state-dir.ts'

export type Choice = { start: () => Promise<StartedServer>; reason: string }

/**
 * `run`: the run whose folder holds the embedded server's data and records its container, and
 * whose mark its processes carry; `template` names the migrations the run's template holds (and their project)
 * (the embedded provider caches by it).
 */
export async function chooseProvider(
  settings: KitSettings,
  run: Run,
  template?: { key: string; project: string },
): Promise<Choice> {
  const embedded = () =>
    startEmbedded({
      run,
      cacheDir: settings.cacheDir,
      templateKey: template?.key,
      templateProject: template?.project,
    })
  const testcontainers = () => import('./providers/testcontainers.ts')
  const container = async () => (await testcontainers()).startContainer(settings.image, run.dir)
  const dockerUnavailableReason = async () =>
    noDockerSocketReason(settings.dockerHost) ??
    (await testcontainers()).dockerUnavailableReason(settings.dockerHost)
  switch (settings.provider) {
    case 'external':
      return { start: () => useExternal(settings.externalUrl ?? ''), reason: 'TEST_DB_PROVIDER=external' }
    case 'embedded':
      return { start: embedded, reason: 'TEST_DB_PROVIDER=embedded' }
    case 'testcontainers': {
      const missing = await dockerUnavailableReason().catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error
        throw new DockerUnavailableError(
          'TEST_DB_PROVIDER=testcontainers, but testcontainers is not installed: npm install -D testcontainers @testcontainers/postgresql (they are optional peers of the kit), or unset TEST_DB_PROVIDER to use the embedded PostgreSQL.',
          { cause: error },
        )
      })
      if (missing) {
        throw new DockerUnavailableError(
          `TEST_DB_PROVIDER=testcontainers, but no Docker engine answered (${missing}). Start Docker (or set DOCKER_HOST), or unset TEST_DB_PROVIDER to use the embedded PostgreSQL.`,
        )
      }
      return { start: container, reason: `TEST_DB_PROVIDER=testcontainers, image ${settings.image}` }
    }
    case 'auto': {
      if (settings.externalUrl) {
        const url = settings.externalUrl
        return { start: () => useExternal(url), reason: 'TEST_DATABASE_URL is set' }
      }
      // testcontainers is an optional peer: a project that does not install it gets the embedded
      // server even where a Docker engine answers.
      const missing = await dockerUnavailableReason().catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error
        return 'testcontainers is not installed'
      })
      if (missing === 'testcontainers is not installed') {
        return { start: embedded, reason: 'no TEST_DATABASE_URL, and testcontainers is not installed' }
      }
      if (missing) return { start: embedded, reason: 'no TEST_DATABASE_URL and no Docker engine' }
      const choice: Choice = {
        reason: `a Docker engine answered, image ${settings.image}`,
        // Docker answering does not mean the image can be had (no registry, say): fall back.
        start: () =>
          container().catch(async (error: unknown) => {
            const why = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim()
            choice.reason = `a Docker engine answered, but the ${settings.image} container failed: ${why}`
            return embedded()
          }),
      }
      return choice
    }
  }
}
