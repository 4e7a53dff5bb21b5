// Who is calling: a bearer JWT (`sub` = the user's id) checked in a preHandler, so it runs after
// the request was validated. Routes that declare `config: { public: true }` skip it.
import fastifyJwt from '@fastify/jwt'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { env } from '../env.ts'
import { HttpError } from './errors.ts'

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string }
    user: { sub: string }
  }
}

export async function registerAuth(app: FastifyInstance) {
  await app.register(fastifyJwt, { secret: env.JWT_SECRET, sign: { expiresIn: '12h' } })
  app.addHook('preHandler', authenticate)
}

async function authenticate(request: FastifyRequest) {
  if (request.routeOptions.config.public) return
  try {
    await request.jwtVerify()
  } catch {
    throw new HttpError(401, 'UNAUTHENTICATED', 'A valid bearer token is required')
  }
}
