// Prisma 7 loads its query compiler and schema engine as WebAssembly modules, and Node 24 prints
// "ExperimentalWarning: Importing WebAssembly module instances…" for each process that does — once
// in Vitest's main process and once per worker, on every run. That one warning is dropped; every
// other warning still reaches Node's own printer.
const marker = Symbol.for('tenantkit.quiet-wasm-warning')
const registry = process as NodeJS.Process & { [marker]?: true }

if (!registry[marker]) {
  registry[marker] = true
  const printers = process.listeners('warning')
  process.removeAllListeners('warning')
  process.on('warning', (warning) => {
    if (warning.name === 'ExperimentalWarning' && warning.message.includes('WebAssembly')) return
    for (const print of printers) print(warning)
  })
}
