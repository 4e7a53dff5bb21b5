// The API process: validation with zod (fastify-type-provider-zod), a JWT on every route but
// login, the tenant routes under /orgs/:orgSlug. Started by `node src/server.ts`.
import Fastify from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { env } from './env.ts'
import { registerAuth } from './lib/auth.ts'
import { authRoutes } from './routes/auth.ts'
import { meRoutes } from './routes/me.ts'
import { orgRoutes } from './routes/orgs.ts'

export const app = Fastify().withTypeProvider<ZodTypeProvider>()
app.setValidatorCompiler(validatorCompiler)
app.setSerializerCompiler(serializerCompiler)

await registerAuth(app)
await app.register(authRoutes)
await app.register(meRoutes)
await app.register(orgRoutes, { prefix: '/orgs/:orgSlug' })

await app.listen({ port: env.PORT, host: '0.0.0.0' })
