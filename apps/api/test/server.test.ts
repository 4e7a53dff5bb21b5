// The server over a real socket: what `pnpm start` runs, on the test's database.
import { describe } from 'vitest'
import { readServerConfig } from '../src/config.ts'
import { runServer, startServer } from '../src/server.ts'
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

describe('runServer (pnpm start)', () => {
  test.for([
    ['DATABASE_URL', { JWT_SECRET: 's'.repeat(32) }],
    ['JWT_SECRET', { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' }],
  ] as const)('refuses to start without %s, saying what to set', async ([name, env]) => {
    await expect(runServer({ ...env, PORT: '0' })).rejects.toThrow(new RegExp(`${name} is not set`))
  })

  test('starts from the environment alone and shuts down', async () => {
    // Nothing listens at this DATABASE_URL: the server starts anyway and reports it on /health.
    const server = await runServer({
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
      JWT_SECRET: 's'.repeat(32),
      PORT: '0',
      LOG_LEVEL: 'silent',
    })
    try {
      expect((await fetch(`${server.url}/health`)).status).toBe(503)
    } finally {
      await server.shutdown()
    }
  })
})
