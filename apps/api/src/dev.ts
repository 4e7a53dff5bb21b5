// The API's `pnpm dev` (root `pnpm dev` adds the worker: apps/worker/src/dev.ts): the API on a local embedded PostgreSQL (the test kit's provider, data kept in
// .tenantkit/dev-postgres between runs), migrated and seeded with demo tenants on first start.
// DATABASE_URL points it at a server of your own instead. SIGTERM/SIGINT stop both cleanly.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { createPrismaClient } from '@tenantkit/db'
import { seedDemoData } from '@tenantkit/db/factories'
import { applyMigrations, loadMigrations } from '@tenantkit/migrations'
import { startEmbedded } from '@tenantkit/test-kit/embedded'
import { readCacheDir } from '@tenantkit/test-kit/settings'
import { readServerConfig, type ServerConfig } from './config.ts'
import { exitOnSignals, startServer } from './server.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const DEV_DATABASE = 'tenantkit_dev'

export type DevOptions = {
  config: ServerConfig
  /** The embedded server's data folder (unless config.databaseUrl is set). */
  dataDir: string
  /** Where the generated JWT secret is kept when JWT_SECRET is unset. */
  secretFile: string
}

export type DevServer = {
  url: string
  /** The migrated, seeded database the API runs on (what `pnpm dev` runs the worker on too). */
  databaseUrl: string
  /** What `pnpm dev` prints: the URL, the database, the demo login. */
  banner: string
  /** Stops the API, then the database (when it is the embedded one). */
  stop(): Promise<void>
}

/** Starts the database (unless DATABASE_URL), migrates, seeds on first start, starts the API. */
export async function startDev(options: DevOptions): Promise<DevServer> {
  const { config } = options
  const cleanups: (() => Promise<void>)[] = []
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  }
  try {
    let databaseUrl = config.databaseUrl
    let where = 'DATABASE_URL'
    if (!databaseUrl) {
      // A new data folder starts from the kit's cached initdb cluster, if a test run left one.
      const embedded = await startEmbedded({
        persistentDataDir: options.dataDir,
        cacheDir: readCacheDir(),
        unreachableFix: `Set DEV_DATA_DIR to a folder it can reach (DEV_DATA_DIR=/var/tmp/tenantkit-dev pnpm dev), or let it enter every folder above ${options.dataDir} (chmod o+x).`,
      })
      cleanups.push(() => embedded.stop())
      databaseUrl = await ensureDatabase(embedded.adminUrl, DEV_DATABASE)
      where = `embedded PostgreSQL, data in ${options.dataDir}`
    }
    const applied = await applyMigrations(databaseUrl, loadMigrations(join(ROOT, 'prisma/migrations')))
    const db = createPrismaClient({ url: databaseUrl })
    cleanups.push(() => db.$disconnect())
    // Seeds on first start only: the demo tenants are left alone once they exist.
    const demo = await seedDemoData(db)

    const jwtSecret = config.jwtSecret ?? devJwtSecret(options.secretFile)
    const server = await startServer({ ...config, jwtSecret }, db)
    cleanups.push(() => server.close())

    const lines = [
      '',
      `Content Hub API ready at ${server.url}`,
      `  database:   ${where}`,
      `  migrations: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}${demo.created ? '; demo data seeded' : ''}`,
    ]
    const [login, ...others] = demo.logins
    if (login) {
      const more = others.map((other) => other.email).filter((email, i, all) => all.indexOf(email) === i)
      lines.push(
        `  demo login: ${login.email} / ${demo.password}   (${login.role} of ${login.organization})`,
        `  also:       ${more.join(', ')} (same password)`,
        `  try:        curl -s ${server.url}/auth/login -H 'content-type: application/json' -d '{"email":"${login.email}","password":"${demo.password}"}'`,
      )
    }
    return { url: server.url, databaseUrl, banner: lines.join('\n'), stop }
  } catch (error) {
    await stop().catch(() => undefined)
    throw error
  }
}

/** The dev database's URL on the embedded server, creating the database on first start. */
async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = createPrismaClient({ url: adminUrl })
  try {
    const rows = await admin.$queryRaw<unknown[]>`SELECT 1 FROM pg_database WHERE datname = ${name}`
    if (rows.length === 0) await admin.$executeRawUnsafe(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.$disconnect()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** A random secret kept next to the dev data, so tokens survive a restart of `pnpm dev`. */
function devJwtSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const secret = randomBytes(48).toString('base64url')
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  return secret
}

/** What `pnpm dev` runs with: settings from `env`, data under the repository's .tenantkit/. */
export function devOptions(env: NodeJS.ProcessEnv = process.env): DevOptions {
  return {
    config: readServerConfig(env),
    dataDir: resolve(ROOT, env.DEV_DATA_DIR || '.tenantkit/dev-postgres'),
    secretFile: join(ROOT, '.tenantkit/dev-jwt-secret'),
  }
}

async function main(): Promise<void> {
  let dev: DevServer | undefined
  // A signal during startup exits at once; the embedded server's watchdog then stops it.
  exitOnSignals(async () => dev?.stop())
  dev = await startDev(devOptions())
  console.log(dev.banner)
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
