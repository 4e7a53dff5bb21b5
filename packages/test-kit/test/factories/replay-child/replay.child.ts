// Builds a tenant from the test's factories, prints it and fails on purpose.

import { appFactories } from '@tenantkit/db/factories'
import { test } from 'vitest'
import { createTestFactories } from '../../../src/factories/index.ts'

test('builds a tenant and fails', (context) => {
  const factories = createTestFactories(
    () => {
      throw new Error('build() needs no database')
    },
    appFactories,
    context,
  )
  const tenant = factories.buildTenant({
    members: { ADMIN: 1, MEMBER: 2 },
    content: { PUBLISHED: 2, DRAFT: 1 },
  })
  console.log(`ROWS ${JSON.stringify({ namespace: factories.namespace, tenant })}`)
  throw new Error('failing on purpose, to print the seed')
})
