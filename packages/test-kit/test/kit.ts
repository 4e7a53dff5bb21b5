// The kit's own tests, bound to the workspace's app schema (the shop schema under test/shop has a
// binding of its own): what any app writes once in its test/kit.ts.
import { PrismaClient } from '@tenantkit/db'
import { appFactories } from '@tenantkit/db/factories'
import { createKit } from '../src/index.ts'

export { orgTenancy } from '@tenantkit/db/factories'

export const kit = createKit({ client: (adapter) => new PrismaClient({ adapter }), factories: appFactories })
export const { test, useDatabase, createFactories } = kit
export { expect } from 'vitest'
