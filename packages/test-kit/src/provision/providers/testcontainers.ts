// Provider "testcontainers": PostgreSQL in a Docker container, data on tmpfs, tuned for tests.
import { hostname } from 'node:os'
import { PostgreSqlContainer } from '@testcontainers/postgresql'
import { getContainerRuntimeClient } from 'testcontainers'
import { startWatchdog } from '../watchdog.ts'
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

export async function startContainer(image: string): Promise<StartedServer> {
  const container = await new PostgreSqlContainer(image)
    .withUsername('postgres')
    .withPassword('tenantkit')
    .withDatabase('postgres')
    .withCommand(['postgres', ...TEST_SERVER_SETTINGS.flatMap((s) => ['-c', s])])
    .withTmpFs({ '/var/lib/postgresql/data': 'rw' })
    .withLabels({ [OWNER_LABEL]: `${hostname()}:${process.pid}` })
    .start()
  const id = container.getId()
  // Without Ryuk (TESTCONTAINERS_RYUK_DISABLED=true) nothing would remove the container if
  // this process were killed: the watchdog does.
  const cancelWatchdog = await startWatchdog(id, 'docker rm -f -v "$1" >/dev/null 2>&1')
  let stopped = false
  return {
    provider: 'testcontainers',
    adminUrl: container.getConnectionUri(),
    throwaway: true,
    stop: async () => {
      if (stopped) return
      stopped = true
      await container.stop({ remove: true, removeVolumes: true }).catch(() => undefined)
      cancelWatchdog()
    },
  }
}
