// The Node these bins need (package.json "engines"): the schema engine is Prisma's Wasm build,
// loaded as an ES module, which older Node cannot load (on Node 20 the CLI printed nothing and
// exited 0). Checked before anything else is imported, so the error says what to do.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `${process.argv[1] ?? 'tenantkit-prisma'}: needs Node ≥ 22.18, and this is Node ${process.versions.node} (${process.execPath}). Install Node 22.18 or newer (24 LTS), put it first on PATH, and run the command again.`,
  )
  process.exit(1)
}
