// Provider "testcontainers": PostgreSQL in a Docker container, data on tmpfs, tuned for tests.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { PostgreSqlContainer } from '@testcontainers/postgresql'
import { getContainerRuntimeClient } from 'testcontainers'
import { containersDir } from '../run-cleanup.ts'
import { noDockerSocketReason } from './docker-socket.ts'
import { TEST_SERVER_SETTINGS } from './embedded.ts'
import type { StartedServer } from './types.ts'

export const OWNER_LABEL = 'dev.tenantkit.owner'

/**
 * Resolves to a reason string when no Docker engine answers, undefined when one does.
 * @example await dockerUnavailableReason(readSettings().dockerHost)
 */
export async function dockerUnavailableReason(
  dockerHost: string | undefined,
  timeoutMs = 3000,
): Promise<string | undefined> {
  const noSocket = noDockerSocketReason(dockerHost)
  if (noSocket) return noSocket
  const probe = getContainerRuntimeClient().then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  )
  const timeout = new Promise<string>((resolve) =>
    setTimeout(() => resolve(`no answer in ${timeoutMs} ms`), timeoutMs).unref(),
  )
  return Promise.race([probe, timeout])
}

/** Starts the container of the run in `runDir`, recorded there so whoever ends the run removes it. */
export async function startContainer(image: string, runDir: string): Promise<StartedServer> {
  const container = await new PostgreSqlContainer(image)
    .withUsername('postgres')
    .withPassword('tenantkit')
    .withDatabase('postgres')
    .withCommand(['postgres', ...TEST_SERVER_SETTINGS.flatMap((s) => ['-c', s])])
    .withTmpFs({ '/var/lib/postgresql/data': 'rw' })
    .withLabels({ [OWNER_LABEL]: `${hostname()}:${process.pid}` })
    .start()
  const id = container.getId()
  // Ryuk removes it once this process is gone, where it runs; without it
  // (TESTCONTAINERS_RYUK_DISABLED=true, or no registry for its image) the run's end does.
  const record = join(containersDir(runDir), id)
  mkdirSync(containersDir(runDir), { recursive: true })
  writeFileSync(record, '')
  let stopped = false
  return {
    provider: 'testcontainers',
    adminUrl: container.getConnectionUri(),
    throwaway: true,
    stop: async () => {
      if (stopped) return
      stopped = true
      await container.stop({ remove: true, removeVolumes: true }).catch(() => undefined)
      rmSync(record, { force: true })
    },
  }
}
