// Reproducible data: one seed gives the same rows; a failed test prints its seed and the command
// that replays it, and TEST_SEED replays the same data in a new run.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PrismaClient } from '@tenantkit/db'
import { appFactories } from '@tenantkit/db/factories'
import { describe, vi } from 'vitest'
import { vitestCommand } from '../../src/factories/test-factories.ts'
import { createTestFactories, replayCommand, runTracked, SeedError } from '../../src/index.ts'
import { createFactories, expect, test } from '../kit.ts'

const fixedClock = () => new Date('2026-01-01T00:00:00Z')

/** Every row of a test database, in a stable order. */
async function everything(client: PrismaClient) {
  return {
    organizations: await client.organization.findMany({ orderBy: { id: 'asc' } }),
    users: await client.user.findMany({ orderBy: { id: 'asc' } }),
    memberships: await client.membership.findMany({ orderBy: { id: 'asc' } }),
    content: await client.contentItem.findMany({ orderBy: { id: 'asc' } }),
    events: await client.auditEvent.findMany({ orderBy: { id: 'asc' } }),
  }
}

describe('same seed, same rows', () => {
  test('a seed, namespace and clock give byte-identical stored rows', async ({ db }) => {
    const run = async () => {
      const f = createFactories(db, { seed: 4242, sequenceNamespace: 'replay', now: fixedClock })
      await f.createTenant({ members: { ADMIN: 2, MEMBER: 3 }, content: 5 })
      await f.auditEvent.with('byMember').createList(2)
      const rows = await everything(db)
      await db.organization.deleteMany()
      await db.user.deleteMany()
      return rows
    }
    const first = await run()
    expect(first.content).toHaveLength(5)
    expect(await run()).toEqual(first)
  })

  test('another seed gives other rows', () => {
    const build = (seed: number) => createFactories(() => db(), { seed }).user.build().fullName
    const db = () => {
      throw new Error('unused')
    }
    expect(new Set([1, 2, 3, 4].map(build)).size).toBeGreaterThan(1)
  })

  test('createTestFactories derives the seed from TEST_SEED and the test name', ({ task }) => {
    vi.stubEnv('TEST_SEED', '123')
    try {
      const context = (fullName: string) => ({ task: { ...task, fullName }, onTestFailed: () => {} })
      const rows = (fullName: string) => {
        const f = createTestFactories(() => db(), appFactories, context(fullName), { now: fixedClock })
        return JSON.stringify(f.buildTenant({ members: { ADMIN: 1 }, content: 2 })).replaceAll(
          f.namespace,
          '<ns>',
        )
      }
      const db = () => {
        throw new Error('unused')
      }
      expect(rows('file.test.ts > a test')).toBe(rows('file.test.ts > a test'))
      expect(rows('file.test.ts > a test')).not.toBe(rows('file.test.ts > another test'))
    } finally {
      vi.unstubAllEnvs()
    }
  })

  test('a malformed TEST_SEED is rejected with the fix', ({ task, onTestFailed }) => {
    vi.stubEnv('TEST_SEED', 'abc')
    try {
      expect(() => createTestFactories(() => ({}) as never, appFactories, { task, onTestFailed })).toThrow(
        SeedError,
      )
      expect(() => createTestFactories(() => ({}) as never, appFactories, { task, onTestFailed })).toThrow(
        /TEST_SEED=abc is not a seed. Use the integer a failed test printed/,
      )
    } finally {
      vi.unstubAllEnvs()
    }
  })

  test('the replay command escapes the test name for -t and the shell', () => {
    expect(
      replayCommand(7, 'test/a.test.ts', "returns 404 for another org's item (v2)", 'api', 'npx vitest'),
    ).toBe(
      `TEST_SEED=7 npx vitest run --project api test/a.test.ts -t 'returns 404 for another org'\\''s item \\(v2\\)'`,
    )
  })

  test('the replay command starts Vitest with the user’s own package manager', () => {
    expect(vitestCommand('pnpm/12.26.0 npm/? node/v24.22.3 linux x64')).toBe('pnpm exec vitest')
    expect(vitestCommand('npm/11.19.1 node/v24.22.3 linux x64 workspaces/false')).toBe('npx vitest')
    expect(vitestCommand('yarn/4.9.0 npm/? node/v24.22.3')).toBe('yarn vitest')
    expect(vitestCommand('')).toBe('npx vitest')
  })
})

const require = createRequire(import.meta.url)
const VITEST = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs')
const CHILD_CONFIG = fileURLToPath(new URL('./replay-child/vitest.config.ts', import.meta.url))

async function childRun(env: Record<string, string>, seed: number) {
  const run = await runTracked(
    process.execPath,
    [VITEST, 'run', '--config', CHILD_CONFIG, `--sequence.seed=${seed}`],
    { env: { ...process.env, TEST_SEED: undefined, ...env, FORCE_COLOR: '0' } },
  )
  if (run.code === 0) throw new Error('the child test was meant to fail')
  const result = `${run.stdout}\n${run.stderr}`
  const rows = /ROWS (\{.*\})$/m.exec(result)?.[1]
  const printed =
    /TEST_SEED=(\d+) (?:pnpm exec|npx|yarn|bunx) vitest run .*replay\.child\.ts -t 'builds a tenant and fails'/.exec(
      result,
    )
  if (!rows || !printed?.[1]) throw new Error(`unexpected child output:\n${result}`)
  const { namespace, tenant } = JSON.parse(rows) as { namespace: string; tenant: unknown }
  // What a replay keeps: everything faker draws (ids included). What it cannot: the clock
  // (timestamps are the new run's) and the run's namespace in unique columns.
  const normalized = JSON.stringify(tenant)
    .replaceAll(namespace, '<ns>')
    .replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"<time>"')
  return { seed: Number(printed[1]), rows: normalized }
}

describe('replay across runs', () => {
  test('a failed test prints its seed, and TEST_SEED replays the same rows in a new run', async () => {
    const original = await childRun({}, 1111)
    expect(original.seed).toBe(1111)
    const replay = await childRun({ TEST_SEED: String(original.seed) }, 2222)
    expect(replay.rows).toBe(original.rows)
    const fresh = await childRun({}, 3333)
    expect(fresh.rows).not.toBe(original.rows)
  }, 60_000)
})
