// The database client, injected by whoever builds the app (the server, or a test with its
// isolated client). The app never connects or disconnects it.
import type { PrismaClient } from '@tenantkit/db'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    db: PrismaClient
  }
}

export default fp(
  async function db(app: FastifyInstance, options: { db: PrismaClient }) {
    app.decorate('db', options.db)
  },
  { name: 'db', fastify: '5.x' },
)
