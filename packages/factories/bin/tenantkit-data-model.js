#!/usr/bin/env node
// `tenantkit-data-model`, the Prisma generator: the build once installed, the source inside the
// tenantkit workspace (its `@tenantkit/source` condition, see package.json "imports").
import '#generator'
