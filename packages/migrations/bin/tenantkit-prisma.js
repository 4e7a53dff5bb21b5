#!/usr/bin/env node
// `tenantkit-prisma …`: the Prisma CLI with the Wasm schema engine. The build once installed, the
// source inside the tenantkit workspace (its `@tenantkit/source` condition, see package.json "imports").
import '#cli/prisma'
