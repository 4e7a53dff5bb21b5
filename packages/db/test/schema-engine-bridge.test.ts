// The bridge speaks the native schema-engine binary's protocol: its command line, its JSON-RPC
// envelope (error codes in `data.error_code`) and its JSON log lines on stderr. The binary itself
// (bin/tenantkit-schema-engine.js) runs once here, as Prisma starts it; the rest runs its entry
// logic in this process, given the same command line and stdin (every CLI test in this folder
// also starts the binary, through the CLI). The errors a URL can cause are here too, but for the
// ones connection-errors.test.ts shows as the CLI prints them.

import { join } from 'node:path'
import { PassThrough, type Readable } from 'node:stream'
import { describe, expect, test } from 'vitest'
import { runBridge as serveBridge } from '../../migrations/src/engine-bridge/main.ts'
import { databaseUrl, scratchDatabase } from './support/databases.ts'
import { REPO_ROOT } from './support/prisma-cli.ts'
import { type ProcessResult, runProcess } from './support/run-process.ts'

const BRIDGE = join(REPO_ROOT, 'packages/migrations/bin/tenantkit-schema-engine.js')

/** The bridge's entry logic with `args` as its command line and `stdin`: its exit code and output. */
async function runBridge(args: string[], stdin: Readable = endedStream()): Promise<ProcessResult> {
  let stdout = ''
  let stderr = ''
  const code = await serveBridge({
    argv: args,
    stdin,
    writeStdout: (text) => {
      stdout += text
    },
    writeStderr: (text) => {
      stderr += text
    },
  })
  return { code, stdout, stderr }
}

function endedStream(): Readable {
  const stream = new PassThrough()
  stream.end()
  return stream
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
  const stdin = new PassThrough()
  const printed: string[] = []
  const responses: RpcMessage[] = []
  let partial = ''
  let answered: (() => void) | undefined
  const send = (message: object) => stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`)
  const onStdout = (text: string) => {
    const lines = (partial + text).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      const message = JSON.parse(line) as RpcMessage
      if (message.method === 'print') {
        printed.push((message.params as { content: string }).content)
        send({ id: message.id, result: {} })
      } else {
        responses.push(message)
        answered?.()
      }
    }
  }
  const exited = serveBridge({
    argv: ['--datasource', JSON.stringify({ url })],
    stdin,
    writeStdout: onStdout,
    writeStderr: () => {},
  })
  for (const [index, request] of requests.entries()) {
    const response = new Promise<void>((resolve) => {
      answered = resolve
    })
    send({ id: index + 1, ...request })
    const ended = exited.then((code) => {
      throw new Error(`the bridge ended (exit ${code}) before it answered ${request.method}`)
    })
    await Promise.race([response, ended])
  }
  stdin.end()
  const code = await exited
  return { responses, printed, code }
}

const stderrLines = (run: ProcessResult) =>
  run.stderr
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { level: string; target: string; fields: Record<string, unknown> })

describe('schema-engine bridge', () => {
  test('--version prints schema-engine-cli and the engine commit', async () => {
    // The binary, spawned as the CLI does: the file itself, through its shebang.
    const run = await runProcess(BRIDGE, ['--version'])

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

  // The CLI prints what the bridge answers, code and message, as it does for P1003 and P1001
  // (connection-errors.test.ts runs those through the CLI).
  test('a URL of another database system is refused as P1013', async () => {
    const { responses } = await rpcSession('mysql://root@127.0.0.1:3306/tenantkit', [
      { method: 'getDatabaseVersion' },
    ])

    expect(responses[0]?.error).toMatchObject({
      data: {
        error_code: 'P1013',
        message: expect.stringMatching(
          /^The provided database string is invalid\. the URL must start with the protocol `postgresql:\/\/`/,
        ),
      },
    })
  })

  test('a schema other than public is refused instead of migrating public silently', async () => {
    const url = new URL(databaseUrl('tk_unused'))
    url.searchParams.set('schema', 'tenant')
    const { responses } = await rpcSession(url.toString(), [{ method: 'getDatabaseVersion' }])

    expect(responses[0]?.error).toMatchObject({
      data: { message: expect.stringContaining('DATABASE_URL asks for schema "tenant" (?schema=tenant)') },
    })
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
