// The bridge speaks the native schema-engine binary's protocol: its command line, its JSON-RPC
// envelope (error codes in `data.error_code`) and its JSON log lines on stderr.

import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { spawnTracked } from '@tenantkit/test-kit'
import { describe, expect, test } from 'vitest'
import { databaseUrl, scratchDatabase } from './support/databases.ts'
import { REPO_ROOT } from './support/prisma-cli.ts'
import { type ProcessResult, runProcess } from './support/run-process.ts'

const BRIDGE = join(REPO_ROOT, 'packages/migrations/bin/tenantkit-schema-engine.js')

function runBridge(args: string[]): Promise<ProcessResult> {
  // Spawned as the CLI does: the file itself, through its shebang.
  return runProcess(BRIDGE, args)
}

type RpcMessage = {
  id?: number | string
  method?: string
  params?: unknown
  result?: unknown
  error?: unknown
}

/** Sends JSON-RPC requests one by one, answering the bridge's `print` requests like the CLI. */
async function rpcSession(url: string, requests: { method: string; params?: unknown }[]) {
  await using bridge = spawnTracked(BRIDGE, ['--datasource', JSON.stringify({ url })], { stdin: 'pipe' })
  const { child } = bridge
  if (!child.stdin || !child.stdout) throw new Error('the bridge has no stdin/stdout pipes')
  const printed: string[] = []
  const responses: RpcMessage[] = []
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  for (const [index, request] of requests.entries()) {
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: index + 1, ...request })}\n`)
    for (;;) {
      const { value } = await lines.next()
      const message = JSON.parse(value as string) as RpcMessage
      if (message.method === 'print') {
        printed.push((message.params as { content: string }).content)
        child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: message.id, result: {} })}\n`)
        continue
      }
      responses.push(message)
      break
    }
  }
  child.stdin.end()
  const { code } = await bridge.exited
  return { responses, printed, code }
}

const stderrLines = (run: ProcessResult) =>
  run.stderr
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { level: string; target: string; fields: Record<string, unknown> })

describe('schema-engine bridge', () => {
  test('--version prints schema-engine-cli and the engine commit', async () => {
    const run = await runBridge(['--version'])

    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^schema-engine-cli [0-9a-f]{40}\n$/)
  })

  test('cli can-connect-to-database fails like the native binary: exit 1, an ERROR line with P1003', async () => {
    const url = databaseUrl('tk_missing_database')

    const run = await runBridge(['--datasource', JSON.stringify({ url }), 'cli', 'can-connect-to-database'])

    expect(run.code, run.stderr).toBe(1)
    expect(run.stdout).toBe('')
    const [first, error] = stderrLines(run)
    expect(first?.level).toBe('INFO')
    expect(error).toMatchObject({
      level: 'ERROR',
      target: 'schema_engine::logger',
      fields: { error_code: 'P1003', message: expect.stringContaining('tk_missing_database') },
    })
  })

  test('cli create-database and drop-database create and drop the database of the URL', async () => {
    await using db = await scratchDatabase('bridge_cli', { create: false })
    const datasource = JSON.stringify({ url: db.url })

    const created = await runBridge(['--datasource', datasource, 'cli', 'create-database'])
    const reachable = await runBridge(['--datasource', datasource, 'cli', 'can-connect-to-database'])
    const dropped = await runBridge(['--datasource', datasource, 'cli', 'drop-database'])
    const gone = await runBridge(['--datasource', datasource, 'cli', 'can-connect-to-database'])

    expect([created.code, reachable.code, dropped.code, gone.code], created.stderr + dropped.stderr).toEqual([
      0, 0, 0, 1,
    ])
    expect(stderrLines(created).at(-1)?.fields.message).toBe(
      `Database '${db.name}' was successfully created.`,
    )
  })

  test('serves JSON-RPC: engine errors carry the Prisma error code, unknown methods get -32601', async () => {
    await using db = await scratchDatabase('bridge_rpc')
    const migrationsList = {
      baseDir: `${REPO_ROOT}/prisma/migrations`,
      lockfile: { path: 'migration_lock.toml', content: null },
      shadowDbInitScript: '',
      migrationDirectories: [],
    }

    const { responses, code } = await rpcSession(db.url, [
      { method: 'getDatabaseVersion' },
      { method: 'markMigrationApplied', params: { migrationName: '20270101000000_absent', migrationsList } },
      { method: 'noSuchMethod' },
    ])

    expect(code).toBe(0)
    expect(responses[0]?.result).toMatch(/^PostgreSQL \d+/)
    expect(responses[1]?.error).toMatchObject({
      code: 4466,
      data: {
        is_panic: false,
        error_code: 'P3017',
        message: expect.stringContaining('20270101000000_absent'),
      },
    })
    expect(responses[2]?.error).toMatchObject({ code: -32601 })
  })

  test('diff sends its output to the CLI as a print request and returns the exit code', async () => {
    await using db = await scratchDatabase('bridge_diff')
    const schema = `datasource db {\n  provider = "postgresql"\n}\n\nmodel Thing {\n  id Int @id\n}\n`

    const { responses, printed } = await rpcSession(db.url, [
      {
        method: 'diff',
        params: {
          from: { tag: 'empty' },
          to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
          script: true,
          exitCode: true,
          filters: { externalTables: [], externalEnums: [] },
        },
      },
    ])

    expect(responses[0]?.result).toEqual({ exitCode: 2 })
    expect(printed.join('')).toContain('CREATE TABLE "Thing"')
  })
})
