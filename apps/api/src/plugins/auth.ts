// Authentication: every route needs a valid access token unless its config says `public: true`.
// The current user is resolved once per request, in onRequest (before the body is even parsed),
// from a signed JWT whose `sub` is the user id; inactive users are refused.
import jwt from '@fastify/jwt'
import type { PrismaClient, User } from '@tenantkit/db'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { AppConfig } from '../config.ts'
import { Errors } from '../errors.ts'

/**
 * Replaces token-based resolution (tests only, see AppConfig.allowCurrentUserOverride): a user
 * authenticates the request as is (no token, no active check), `null` makes it anonymous,
 * `undefined` falls back to the token.
 */
export type CurrentUserResolver = (
  request: FastifyRequest,
) => Promise<User | null | undefined> | User | null | undefined

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without an access token. */
    public?: boolean
  }
  interface FastifyInstance {
    /** Signs an access token for a user. */
    issueAccessToken(user: Pick<User, 'id'>): { accessToken: string; expiresIn: number }
    /**
     * Replaces how the current user is resolved (`undefined` restores the token check). Throws
     * unless the app was built with `allowCurrentUserOverride`.
     */
    overrideCurrentUser(resolver: CurrentUserResolver | undefined): void
  }
  interface FastifyRequest {
    /** The authenticated user; null only on public routes. */
    currentUser: User | null
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string }
    user: { sub: string }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export default fp(
  async function auth(app: FastifyInstance, options: { config: AppConfig }) {
    const { config } = options
    const db: PrismaClient = app.db
    await app.register(jwt, {
      secret: config.jwtSecret,
      sign: { algorithm: 'HS256', expiresIn: config.accessTokenTtlSeconds },
      verify: { algorithms: ['HS256'] },
    })

    let override: CurrentUserResolver | undefined
    app.decorate('overrideCurrentUser', (resolver: CurrentUserResolver | undefined) => {
      if (!config.allowCurrentUserOverride) {
        throw new Error(
          'overrideCurrentUser() is disabled: build the app with config.allowCurrentUserOverride = true (tests only).',
        )
      }
      override = resolver
    })
    app.decorate('issueAccessToken', (user: Pick<User, 'id'>) => ({
      accessToken: app.jwt.sign({ sub: user.id }),
      expiresIn: config.accessTokenTtlSeconds,
    }))

    const userFromToken = async (request: FastifyRequest): Promise<User> => {
      if (!request.headers.authorization) throw new Errors.Unauthenticated()
      let sub: string
      try {
        sub = (await request.jwtVerify<{ sub: string }>()).sub
      } catch (error) {
        const code = error instanceof Error && 'code' in error ? error.code : undefined
        if (code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED') throw new Errors.TokenExpired()
        throw new Errors.Unauthenticated()
      }
      const user =
        typeof sub === 'string' && UUID.test(sub) ? await db.user.findUnique({ where: { id: sub } }) : null
      if (!user) throw new Errors.Unauthenticated()
      if (!user.isActive) throw new Errors.AccountDisabled()
      return user
    }

    app.decorateRequest('currentUser', null)
    app.addHook('onRequest', async (request) => {
      if (request.is404 || request.routeOptions.config.public) return
      const overridden = await override?.(request)
      if (overridden === null) throw new Errors.Unauthenticated()
      request.currentUser = overridden ?? (await userFromToken(request))
    })
  },
  { name: 'auth', fastify: '5.x', dependencies: ['db'] },
)

/** The authenticated user of a non-public route. */
export function currentUser(request: FastifyRequest): User {
  if (!request.currentUser) throw new Errors.Unauthenticated()
  return request.currentUser
}
