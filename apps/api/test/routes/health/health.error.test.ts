import { createPrismaClient } from '@tenantkit/db'
import { describe } from 'vitest'
import { createApp } from '../../../src/app.ts'
import { expect, test, testConfig } from '../../kit.ts'

describe('GET /health', () => {
  // A real client pointed at a port nothing listens on: the database is unreachable.
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads fixture dependencies from the pattern.
  test.override('app', async ({}, { onCleanup }) => {
    const app = createApp({
      db: createPrismaClient({ url: 'postgresql://nobody@127.0.0.1:1/none' }),
      config: testConfig,
    })
    onCleanup(() => app.close())
    await app.ready()
    return app
  })

  test('answers 503 TK_UNAVAILABLE when the database is unreachable, without internals', async ({ api }) => {
    const res = await api.anonymous().get('/health')
    const error = res.expectError(503, 'TK_UNAVAILABLE')
    expect(error.message).toBe('The service is unavailable')
    expect(res.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|prisma/i)
  })
})
