// GET /health: 200 when the database answers, 503 when it does not.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Errors } from '../../errors.ts'
import { health } from '../../schemas/health.ts'

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: health, config: { public: true } }, async (request) => {
    try {
      await app.db.$queryRaw`SELECT 1`
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unreachable')
      throw new Errors.Unavailable()
    }
    return { status: 'ok' as const, database: 'ok' as const }
  })
}

export default healthRoutes
