// Settings of the app (what the handlers need) and of the server (where it listens), read from
// the environment once at startup. Errors name the variable and the fix.

export type AppConfig = {
  /** HMAC secret of the access tokens (HS256). */
  jwtSecret: string
  accessTokenTtlSeconds: number
  /** Login attempts per client address and email within the window. */
  loginRateLimit: { max: number; timeWindowMs: number }
  /**
   * Lets `app.overrideCurrentUser()` replace the token-based current-user resolution. Only the
   * test kit's override mode turns this on; a server never does.
   */
  allowCurrentUserOverride?: boolean
}

export type ServerConfig = {
  host: string
  port: number
  /** Unset: `pnpm dev` starts an embedded PostgreSQL; `pnpm start` refuses to run. */
  databaseUrl: string | undefined
  logLevel: string
  /** Unset only in `pnpm dev`, which keeps a generated secret in .tenantkit/. */
  jwtSecret: string | undefined
  accessTokenTtlSeconds: number
  loginRateLimit: AppConfig['loginRateLimit']
}

export const MIN_JWT_SECRET_LENGTH = 32

export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const jwtSecret = env.JWT_SECRET || undefined
  if (jwtSecret !== undefined && jwtSecret.length < MIN_JWT_SECRET_LENGTH) {
    throw new Error(
      `JWT_SECRET is ${jwtSecret.length} characters long; use at least ${MIN_JWT_SECRET_LENGTH}, e.g. \`openssl rand -base64 48\`.`,
    )
  }
  return {
    host: env.HOST || '127.0.0.1',
    port: readInteger(env, 'PORT', 3000, 0, 65535),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    jwtSecret,
    accessTokenTtlSeconds: readInteger(env, 'ACCESS_TOKEN_TTL_SECONDS', 3600, 60, 7 * 24 * 3600),
    loginRateLimit: {
      max: readInteger(env, 'LOGIN_RATE_LIMIT_MAX', 10, 1, 10_000),
      timeWindowMs: readInteger(env, 'LOGIN_RATE_LIMIT_WINDOW_MS', 60_000, 1000, 24 * 3600_000),
    },
  }
}

function readInteger(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `${name}=${raw} is not an integer between ${min} and ${max}. Fix it or unset it (default ${fallback}).`,
    )
  }
  return value
}
