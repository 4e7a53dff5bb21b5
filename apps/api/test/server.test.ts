// The server over a real socket: what `pnpm start` runs, on the test's database.
import { describe } from 'vitest'
import { readServerConfig } from '../src/config.ts'
import { startServer } from '../src/server.ts'
import { DEFAULT_PASSWORD, expect, test, testConfig } from './kit.ts'

describe('startServer', () => {
  test('listens on the given host and a free port, and answers over HTTP', async ({ db, factories }) => {
    const user = await factories.user.create()
    const config = {
      ...readServerConfig({ PORT: '0', LOG_LEVEL: 'silent' }),
      jwtSecret: testConfig.jwtSecret,
    }
    const server = await startServer(config, db)
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect((await fetch(`${server.url}/health`)).status).toBe(200)
      const login = await fetch(`${server.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: DEFAULT_PASSWORD }),
      })
      expect(login.status).toBe(200)
    } finally {
      await server.close()
    }
  })

  test('fails with the cause when the port is taken', async ({ db }) => {
    const config = {
      ...readServerConfig({ PORT: '0', LOG_LEVEL: 'silent' }),
      jwtSecret: testConfig.jwtSecret,
    }
    const first = await startServer(config, db)
    try {
      const port = Number(new URL(first.url).port)
      await expect(startServer({ ...config, port }, db)).rejects.toThrow(/EADDRINUSE/)
    } finally {
      await first.close()
    }
  })
})
