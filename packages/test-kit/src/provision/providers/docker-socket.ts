// A cheap first look for a Docker engine (no testcontainers import): DOCKER_HOST or a socket file.
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** Why there is certainly no Docker engine, or undefined when one may answer (`dockerHost`: DOCKER_HOST). */
export function noDockerSocketReason(dockerHost: string | undefined): string | undefined {
  const sockets = ['/var/run/docker.sock', join(homedir(), '.docker/run/docker.sock')]
  if (dockerHost || sockets.some((socket) => existsSync(socket))) return undefined
  return `no DOCKER_HOST and no socket at ${sockets.join(' or ')}`
}
