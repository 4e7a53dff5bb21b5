#!/usr/bin/env -S node --no-warnings
// Placeholder: answers --version so `prisma generate` runs; the JSON-RPC bridge comes next.
if (process.argv.includes('--version')) console.log('schema-engine-cli tenantkit-wasm-bridge')
else process.exit(1)
