// `pnpm dev` end to end: boots on a fresh embedded PostgreSQL, prints a demo login that works,
// and leaves no PostgreSQL behind after SIGTERM. Its data lives in scratch folders of the run and
// pnpm runs as a tracked process, so an interrupted run ends both too.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { loadMigrations } from '@tenantkit/migrations'
import { scratchDir, spawnTracked } from '@tenantkit/test-kit'
import { describe, expect, it } from 'vitest'
import { readServerConfig } from '../src/config.ts'
import { startDev } from '../src/dev.ts'

const API_DIR = resolve(import.meta.dirname, '..')
/** The repository's migrations, oldest first: a new one must not turn this suite red. */
const MIGRATIONS = loadMigrations(resolve(API_DIR, '../../prisma/migrations')).migrationDirectories.map(
  (migration) => migration.path,
)

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => done(port))
    })
  })
}

/** PostgreSQL servers running on `dataDir` (their command line is `postgres -D <dataDir> …`). */
function processesUsing(dataDir: string): string[] {
  const found: string[] = []
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
      if (cmdline.includes(`-D ${dataDir} `)) found.push(`${pid} ${cmdline}`)
    } catch {
      // The process ended while we looked.
    }
  }
  return found
}

async function login(url: string, printed: string): Promise<number> {
  const [, email, password] = /demo login: (\S+) \/ (\S+)/.exec(printed) ?? []
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  return res.status
}

describe('startDev', () => {
  it.concurrent('keeps the data between runs: migrates and seeds once, then finds it all again', async () => {
    using base = scratchDir('dev')
    const options = {
      config: readServerConfig({ PORT: '0', LOG_LEVEL: 'silent' }),
      dataDir: join(base.path, 'pg'),
      secretFile: join(base.path, 'jwt-secret'),
    }
    const first = await startDev(options)
    try {
      expect(first.banner).toContain(`migrations: applied ${MIGRATIONS.join(', ')}; demo data seeded\n`)
      expect(await login(first.url, first.banner)).toBe(200)
    } finally {
      await first.stop()
    }
    expect(processesUsing(options.dataDir)).toEqual([])

    const second = await startDev(options)
    try {
      expect(second.banner).toContain('migrations: up to date\n')
      expect(await login(second.url, second.banner)).toBe(200)
    } finally {
      await second.stop()
    }
    expect(processesUsing(options.dataDir)).toEqual([])
  }, 120_000)
})

describe('pnpm dev', () => {
  it.concurrent('serves the API on an embedded PostgreSQL and logs in with the printed demo credentials', async () => {
    using base = scratchDir('dev')
    const dataDir = join(base.path, 'pg')
    const port = await freePort()
    // A process group of its own, stopped as a whole with SIGTERM (then SIGKILL) when the test
    // ends, whichever way it ends.
    await using dev = spawnTracked('pnpm', ['dev'], {
      cwd: API_DIR,
      // JWT_SECRET set, so nothing is written to the repository's .tenantkit folder.
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DEV_DATA_DIR: dataDir,
        JWT_SECRET: 'pnpm-dev-test-secret-0123456789abcdef',
        LOG_LEVEL: 'warn',
      },
    })
    const printed = await dev.waitForOutput(/demo login: \S+ \/ \S+/, 90_000)
    const url = /ready at (http:\/\/\S+)/.exec(printed)?.[1]
    const [, email, password] = /demo login: (\S+) \/ (\S+)/.exec(printed) ?? []
    expect(url, printed).toBe(`http://127.0.0.1:${port}`)

    const health = await fetch(`${url}/health`)
    expect(health.status).toBe(200)
    const login = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    const session: unknown = await login.json()
    expect(login.status, JSON.stringify(session)).toBe(200)
    const token =
      typeof session === 'object' && session && 'accessToken' in session ? session.accessToken : ''
    const me = await fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } })
    const body: unknown = await me.json()
    expect(me.status, JSON.stringify(body)).toBe(200)
    expect(body).toMatchObject({ memberships: [expect.objectContaining({ role: 'OWNER' })] })

    // Resolves once pnpm, node and PostgreSQL have all ended.
    const exit = await dev.stop('SIGTERM')
    // pnpm itself may die of the signal.
    expect([0, 'SIGTERM'], dev.output).toContain(exit.signal ?? exit.code)
    expect(dev.output).toContain('shutting down')
    expect(dev.output).not.toContain('Shutdown failed')
    expect(processesUsing(dataDir), dev.output).toEqual([])
    expect(existsSync(join(dataDir, 'postmaster.pid')), 'the postmaster left its pid file').toBe(false)
  }, 120_000)
})
