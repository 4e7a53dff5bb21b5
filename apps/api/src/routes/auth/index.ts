// POST /auth/signup and POST /auth/login. Unknown email and wrong password give the same
// answer (and take about as long); login attempts are rate-limited per address and email.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { User } from '@tenantkit/db'
import type { AppConfig } from '../../config.ts'
import { Errors } from '../../errors.ts'
import { login, signup } from '../../schemas/auth.ts'
import { passwordWeakness } from '../../services/password-policy.ts'
import { hashPassword, verifyPassword } from '../../services/passwords.ts'
import { isUniqueViolation } from '../../services/unique-violation.ts'
import { userView } from '../../services/views.ts'

// Compared against when the email is unknown, so both failures cost one hash. Computed once per
// process, on the first login.
let decoy: Promise<string> | undefined
const decoyHash = () => {
  decoy ??= hashPassword('decoy password, never valid')
  return decoy
}

const authRoutes: FastifyPluginAsyncTypebox<{ config: AppConfig }> = async (app, { config }) => {
  app.post('/auth/signup', { schema: signup, config: { public: true } }, async (request, reply) => {
    const email = request.body.email.toLowerCase()
    const weakness = passwordWeakness(request.body.password, email)
    if (weakness) throw new Errors.WeakPassword(weakness)
    const passwordHash = await hashPassword(request.body.password)
    let user: User
    try {
      user = await app.db.user.create({
        data: { email, fullName: request.body.fullName.trim(), passwordHash },
      })
    } catch (error) {
      if (isUniqueViolation(error)) throw new Errors.EmailTaken()
      throw error
    }
    return reply
      .status(201)
      .send({ ...app.issueAccessToken(user), tokenType: 'Bearer' as const, user: userView(user) })
  })

  app.post(
    '/auth/login',
    {
      schema: login,
      config: {
        public: true,
        rateLimit: {
          max: config.loginRateLimit.max,
          timeWindow: config.loginRateLimit.timeWindowMs,
          // After validation, so the key can include the (normalized) email.
          hook: 'preHandler',
          keyGenerator: (request) => {
            const body: unknown = request.body
            const email =
              typeof body === 'object' && body !== null && 'email' in body ? String(body.email) : ''
            return `${request.ip}|${email.toLowerCase()}`
          },
          errorResponseBuilder: (_request, context) => new Errors.RateLimited(context.after),
        },
      },
    },
    async (request) => {
      const user = await app.db.user.findUnique({ where: { email: request.body.email.toLowerCase() } })
      const valid = await verifyPassword(request.body.password, user?.passwordHash ?? (await decoyHash()))
      if (!user || !valid) throw new Errors.InvalidCredentials()
      if (!user.isActive) throw new Errors.AccountDisabled()
      return { ...app.issueAccessToken(user), tokenType: 'Bearer' as const, user: userView(user) }
    },
  )
}

export default authRoutes
