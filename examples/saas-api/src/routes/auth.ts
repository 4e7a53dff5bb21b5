// POST /auth/login: email and password for a bearer token.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { prisma } from '../db.ts'
import { HttpError } from '../lib/errors.ts'
import { verifyPassword } from '../lib/password.ts'

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        body: z.object({ email: z.email(), password: z.string().min(8).max(200) }),
        response: { 200: z.object({ token: z.string() }) },
      },
    },
    async (request) => {
      const user = await prisma.user.findUnique({ where: { email: request.body.email.toLowerCase() } })
      if (!user || !(await verifyPassword(request.body.password, user.passwordHash))) {
        throw new HttpError(401, 'INVALID_CREDENTIALS', 'Wrong email or password')
      }
      return { token: app.jwt.sign({ sub: user.id }) }
    },
  )
}
