// The bridge's entry logic: routes the native engine's command line to --version, a one-shot
// `cli` command, or the JSON-RPC server. Returns the exit code.
import type { Readable } from 'node:stream'
import { version } from '@prisma/schema-engine-wasm'
import { parseBridgeArgs } from './args.ts'
import { runCliCommand } from './cli-command.ts'
import { EngineHost } from './engine-host.ts'
import { serveJsonRpc } from './json-rpc.ts'

export type BridgeIo = {
  argv: readonly string[]
  stdin: Readable
  writeStdout: (text: string) => void
  writeStderr: (text: string) => void
}

export async function runBridge({ argv, stdin, writeStdout, writeStderr }: BridgeIo): Promise<number> {
  const args = parseBridgeArgs(argv)
  switch (args.mode) {
    case 'version':
      writeStdout(`schema-engine-cli ${version()}\n`)
      return 0
    case 'help':
      writeStdout(
        'Prisma schema engine served by @prisma/schema-engine-wasm\n\nUsage: schema-engine-bridge [--datamodels <file>…] [--datasource <json>] [cli can-connect-to-database|create-database|drop-database]\n',
      )
      return 0
    case 'cli':
      return runCliCommand(args.command, args.datasource, version(), writeStderr)
    case 'rpc': {
      const host = new EngineHost({
        datasource: args.datasource,
        datamodels: args.datamodels,
        log: writeStderr,
      })
      await serveJsonRpc({
        input: stdin,
        write: writeStdout,
        handle: (method, params, peer) => host.handle(method, params, peer),
      })
      const panicked = host.poisoned
      await host.close()
      // 101 is how the native binary exits after a Rust panic.
      return panicked ? 101 : 0
    }
  }
}
