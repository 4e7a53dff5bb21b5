// Watch mode: between re-runs the server stays up, and a changed migration history rebuilds the
// template (what the globalSetup's onTestsRerun hook calls).
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { scratchDir } from '../../src/index.ts'
import { createPgClient } from '../../src/provision/pg-clients.ts'
import { startTestServer } from '../../src/provision/test-server.ts'

test('refreshTemplate keeps the template while migrations are unchanged and rebuilds it when they change', async () => {
  using scratch = scratchDir('refresh')
  const work = scratch.path
  const migrations = join(work, 'migrations')
  cpSync(fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url)), migrations, {
    recursive: true,
  })
  const previous = { provider: process.env.TEST_DB_PROVIDER, state: process.env.TEST_KIT_STATE_DIR }
  process.env.TEST_DB_PROVIDER = 'embedded'
  process.env.TEST_KIT_STATE_DIR = join(work, 'state')
  const lines: string[] = []
  const server = await startTestServer({ migrationsDir: migrations, log: (line) => lines.push(line) })
  try {
    const first = server.info.template
    expect(await server.refreshTemplate()).toBe(false)
    expect(server.info.template).toBe(first)

    mkdirSync(join(migrations, '20990101000000_add_note'))
    writeFileSync(
      join(migrations, '20990101000000_add_note', 'migration.sql'),
      'ALTER TABLE "users" ADD COLUMN "note" TEXT;',
    )
    expect(await server.refreshTemplate()).toBe(true)
    expect(server.info.template).not.toBe(first)
    expect(lines.at(-1)).toBe(`[tenantkit] migrations changed: rebuilt template ${server.info.template}`)

    const admin = createPgClient({ connectionString: server.info.adminUrl })
    await admin.connect()
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'tk\\_tpl\\_%'`,
    )
    await admin.end()
    expect(rows.map((r) => r.datname)).toEqual([server.info.template])
  } finally {
    await server.stop()
    restore('TEST_DB_PROVIDER', previous.provider)
    restore('TEST_KIT_STATE_DIR', previous.state)
  }
}, 30_000)

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name]
  else process.env[name] = value
}
