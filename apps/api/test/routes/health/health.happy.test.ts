import { describe } from 'vitest'
import { expect, test } from '../../kit.ts'

describe('GET /health', () => {
  test('answers 200 without a token when the database is reachable', async ({ api }) => {
    const res = await api.anonymous().get('/health')
    expect(res.expectStatus(200)).toEqual({ status: 'ok', database: 'ok' })
  })
})
