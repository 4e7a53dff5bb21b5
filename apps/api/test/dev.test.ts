// `pnpm dev` end to end: boots on a fresh embedded PostgreSQL, prints a demo login that works,
// and leaves no PostgreSQL behind after SIGTERM. The two tests use servers and folders of their
// own and mostly wait on processes, so they run at the same time.
import { type ChildProcess, spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readServerConfig } from '../src/config.ts'
import { startDev } from '../src/dev.ts'

const API_DIR = resolve(import.meta.dirname, '..')

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

/** Resolves with the output once `pattern` appears in it; rejects if the process exits first. */
function waitForOutput(
  child: ChildProcess,
  output: () => string,
  pattern: RegExp,
  ms: number,
): Promise<string> {
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`pnpm dev printed no ${pattern} within ${ms} ms:\n${output()}`)),
      ms,
    )
    const check = () => {
      if (pattern.test(output())) {
        clearTimeout(timer)
        done(output())
      }
    }
    child.stdout?.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`pnpm dev exited with ${code} before printing ${pattern}:\n${output()}`))
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

/** Waits until no process of group `pgid` is left; false on timeout. */
async function groupGone(pgid: number, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    try {
      process.kill(-pgid, 0)
    } catch {
      return true
    }
    await new Promise((done) => setTimeout(done, 100))
  }
  return false
}

/** A folder for a data directory that the postgres user can enter when we run as root. */
function scratchFolder(): string {
  const base = mkdtempSync(join(tmpdir(), 'tenantkit-dev-test-'))
  chmodSync(base, 0o755)
  return base
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
    const base = scratchFolder()
    const options = {
      config: readServerConfig({ PORT: '0', LOG_LEVEL: 'silent' }),
      dataDir: join(base, 'pg'),
      secretFile: join(base, 'jwt-secret'),
    }
    try {
      const first = await startDev(options)
      try {
        expect(first.banner).toMatch(/applied \d+_init; demo data seeded/)
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
    } finally {
      rmSync(base, { recursive: true, force: true })
    }
  }, 120_000)
})

describe('pnpm dev', () => {
  it.concurrent('serves the API on an embedded PostgreSQL and logs in with the printed demo credentials', async () => {
    const base = scratchFolder()
    const dataDir = join(base, 'pg')
    const port = await freePort()
    let output = ''
    const child = spawn('pnpm', ['dev'], {
      cwd: API_DIR,
      // Its own process group, signalled as a whole like Ctrl-C in a terminal would.
      detached: true,
      // JWT_SECRET set, so nothing is written to the repository's .tenantkit folder.
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DEV_DATA_DIR: dataDir,
        JWT_SECRET: 'pnpm-dev-test-secret-0123456789abcdef',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    const exited = new Promise<string>((done) =>
      child.once('exit', (code, signal) => done(signal ?? String(code))),
    )
    try {
      const printed = await waitForOutput(child, () => output, /demo login: \S+ \/ \S+/, 90_000)
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
    } finally {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM')
      // pnpm itself may die of the signal; the group is done when its last process is.
      expect(['0', 'SIGTERM'], output).toContain(await exited)
      expect(await groupGone(child.pid ?? 0, 20_000), `processes of pnpm dev still run:\n${output}`).toBe(
        true,
      )
      expect(output).toContain('shutting down')
      expect(output).not.toContain('Shutdown failed')
      expect(processesUsing(dataDir), output).toEqual([])
      expect(existsSync(join(dataDir, 'postmaster.pid')), 'the postmaster left its pid file').toBe(false)
      rmSync(base, { recursive: true, force: true })
    }
  }, 120_000)
})
