// Stands in for Prisma's native `schema-engine` binary (PRISMA_SCHEMA_ENGINE_BINARY, set by
// src/cli/prisma.ts): same command line, same JSON-RPC on stdin/stdout, served by the Wasm engine.
// stdout carries the protocol only and stderr JSON log lines only: the CLI parses both.
import { formatLogLine } from '../engine-bridge/json-log.ts'

const writeStdout = (text: string) => void process.stdout.write(text)
const writeStderr = (text: string) => void process.stderr.write(text)

// The shebang's --no-warnings hides Node's ESM-Wasm ExperimentalWarning; this covers `node
// schema-engine-bridge.ts` too. A plain-text warning line breaks the CLI's parsing of stderr.
process.removeAllListeners('warning')
process.on('warning', (warning) => {
  if (warning.name === 'ExperimentalWarning') return
  writeStderr(formatLogLine('WARN', { message: `${warning.name}: ${warning.message}` }))
})

// The Wasm engine throws some errors (e.g. params it cannot deserialize) from inside its async
// code, where no promise can catch them. Like a native engine crash: an ERROR line and exit 1,
// which the CLI reports as "Error in Schema engine: <message>".
process.on('uncaughtException', (error) => {
  writeStderr(formatLogLine('ERROR', { is_panic: false, message: error.message }, 'schema_engine::logger'))
  process.exit(1)
})

try {
  // Imported after the warning filter is in place: loading it instantiates the Wasm module.
  const { runBridge } = await import('../engine-bridge/main.ts')
  const code = await runBridge({
    argv: process.argv.slice(2),
    stdin: process.stdin,
    writeStdout,
    writeStderr,
  })
  // Exit explicitly: the Wasm engine leaves timers behind (its 10 s advisory-lock timeout) that
  // would keep the process alive after the CLI is done with it.
  process.exit(code)
} catch (error) {
  const message = error instanceof Error ? error.message : String(error)
  writeStderr(formatLogLine('ERROR', { is_panic: false, message }, 'schema_engine::logger'))
  process.exit(1)
}
