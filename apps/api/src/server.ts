// Starts the API: Fastify with logging and timeouts, listening, closed gracefully on SIGTERM or
// SIGINT. `node src/server.ts` (pnpm start) needs DATABASE_URL and JWT_SECRET; `pnpm dev`
// (dev.ts) provides both itself.
import { createPrismaClient, type PrismaClient } from '@tenantkit/db'
import { createApp } from './app.ts'
import { readServerConfig, type ServerConfig } from './config.ts'

export type RunningServer = {
  url: string
  /** Stops accepting connections and finishes in-flight requests (the database stays open). */
  close(): Promise<void>
}

export async function startServer(
  config: Omit<ServerConfig, 'databaseUrl' | 'jwtSecret'> & { jwtSecret: string },
  db: PrismaClient,
): Promise<RunningServer> {
  const app = createApp(
    {
      db,
      config: {
        jwtSecret: config.jwtSecret,
        accessTokenTtlSeconds: config.accessTokenTtlSeconds,
        loginRateLimit: config.loginRateLimit,
      },
    },
    { logger: { level: config.logLevel }, requestTimeout: 30_000, connectionTimeout: 60_000 },
  )
  try {
    await app.listen({ host: config.host, port: config.port })
  } catch (error) {
    await app.close()
    throw error
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  return { url: `http://${host}:${port}`, close: () => app.close() }
}

/** Runs `shutdown` on the first SIGTERM or SIGINT, then exits; a second signal exits at once. */
export function exitOnSignals(shutdown: () => Promise<void>): void {
  let stopping = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1)
    stopping = true
    console.log(`\n${signal}: shutting down…`)
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
}

/**
 * What `pnpm start` runs: the server configured from `env`, on its own database client.
 * `shutdown` closes the server, then the client.
 */
export async function runServer(
  env: NodeJS.ProcessEnv,
): Promise<RunningServer & { shutdown(): Promise<void> }> {
  const config = readServerConfig(env)
  const { databaseUrl, jwtSecret } = config
  if (!databaseUrl)
    throw new Error('DATABASE_URL is not set. Point it at the PostgreSQL database, or run `pnpm dev`.')
  if (!jwtSecret)
    throw new Error('JWT_SECRET is not set. Set it to a random string, e.g. `openssl rand -base64 48`.')
  const db = createPrismaClient({ url: databaseUrl })
  const server = await startServer({ ...config, jwtSecret }, db)
  return {
    ...server,
    async shutdown() {
      await server.close()
      await db.$disconnect()
    },
  }
}

if (import.meta.main) {
  runServer(process.env).then(
    (server) => exitOnSignals(server.shutdown),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    },
  )
}
