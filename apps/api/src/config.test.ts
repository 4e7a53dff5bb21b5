import { describe, expect, it } from 'vitest'
import { readServerConfig } from './config.ts'

describe('readServerConfig', () => {
  it('listens on 127.0.0.1:3000 by default and leaves the database and secret to pnpm dev', () => {
    expect(readServerConfig({})).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: undefined,
      jwtSecret: undefined,
      accessTokenTtlSeconds: 3600,
      loginRateLimit: { max: 10, timeWindowMs: 60_000 },
    })
  })

  it('reads HOST, PORT, DATABASE_URL and JWT_SECRET', () => {
    const config = readServerConfig({
      HOST: '0.0.0.0',
      PORT: '8080',
      DATABASE_URL: 'postgresql://db/app',
      JWT_SECRET: 's'.repeat(32),
      LOGIN_RATE_LIMIT_MAX: '3',
    })
    expect(config).toMatchObject({ host: '0.0.0.0', port: 8080, databaseUrl: 'postgresql://db/app' })
    expect(config.loginRateLimit.max).toBe(3)
  })

  it.each([
    ['PORT', 'http', /PORT=http is not an integer between 0 and 65535/],
    ['PORT', '70000', /PORT=70000/],
    ['ACCESS_TOKEN_TTL_SECONDS', '5', /ACCESS_TOKEN_TTL_SECONDS=5/],
    ['JWT_SECRET', 'short', /JWT_SECRET is 5 characters long; use at least 32/],
  ])('rejects %s=%s, naming the variable', (name, value, message) => {
    expect(() => readServerConfig({ [name]: value })).toThrow(message)
  })
})
