// `tenantkit-prisma …` (`pnpm prisma …` here): the Prisma CLI with its schema engine served by our
// Wasm bridge, so no native binary is downloaded. Set PRISMA_SCHEMA_ENGINE_BINARY yourself to use
// another engine. Started by bin/tenantkit-prisma.js.
import { createRequire, enableCompileCache } from 'node:module'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// The user's `prisma` (a peer dependency), resolved from where the command runs first, then from here.
const require = createRequire(join(process.cwd(), 'package.json'))
const cli = resolveFirst('prisma/build/index.js', [require, createRequire(import.meta.url)])
// The bridge's own bin stub: a file with a shebang and its run bit, as Prisma expects of an engine.
const bridge = fileURLToPath(new URL('../../bin/tenantkit-schema-engine.js', import.meta.url))

// Without a URL, most commands stop in the CLI itself, before the engine starts, with "Connection
// url is empty": the line below it says where the URL comes from here (the bridge says the same
// for the commands that reach it).
const CLI_MISSING_URL = 'Connection url is empty'
const MISSING_URL_HINT = 'Set datasource.url in prisma.config.ts (DATABASE_URL=postgresql://…).\n'

// Generators are commands on PATH (`tenantkit-data-model`, run by this Node): every node_modules/.bin
// from the current folder up, so they are found however the command was started.
const bins = [dirname(process.execPath), ...binFolders(process.cwd())]
const path = [...bins, process.env.PATH ?? ''].join(delimiter)

// Node's compile cache (the folder Vite's CLI uses too; NODE_COMPILE_CACHE moves it,
// NODE_DISABLE_COMPILE_CACHE=1 turns it off): the CLI's 2.7 MB bundle and the bridge are compiled
// once, and each later command starts about 0.6 s sooner (docs/benchmarks.md). The bridge the CLI
// starts inherits the folder through the environment.
const compileCache = enableCompileCache().directory

// The CLI runs in this process, as `prisma` itself would (one Node start fewer per command than a
// child of ours): what it starts — the engine, generators — inherits this environment.
process.env.PATH = path
if (compileCache) process.env.NODE_COMPILE_CACHE = compileCache
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= bridge

// The hint follows the CLI's own line on stderr, wherever in the CLI it is written from.
const writeStderr = process.stderr.write.bind(process.stderr) as (...args: unknown[]) => boolean
let partialLine = ''
const scan = (text: string) => {
  const lines = (partialLine + text).split('\n')
  partialLine = lines.pop() ?? ''
  if (lines.some((line) => line.includes(CLI_MISSING_URL))) writeStderr(MISSING_URL_HINT)
}
process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  const written = writeStderr(chunk, ...rest)
  scan(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString())
  return written
}) as typeof process.stderr.write
// stderr is synchronous for files and pipes here (Linux), so a last line without its newline is
// still followed by the hint as the CLI exits.
process.on('exit', () => scan('\n'))

process.argv[1] = cli
createRequire(import.meta.url)(cli)

function binFolders(from: string): string[] {
  const folders: string[] = []
  for (let dir = from; ; dir = dirname(dir)) {
    folders.push(join(dir, 'node_modules', '.bin'))
    if (dirname(dir) === dir) return folders
  }
}

function resolveFirst(id: string, requires: NodeJS.Require[]): string {
  for (const req of requires) {
    try {
      return req.resolve(id)
    } catch {}
  }
  process.stderr.write(
    'tenantkit-prisma: the `prisma` package is not installed here. Add it: npm install -D prisma\n',
  )
  process.exit(1)
}
