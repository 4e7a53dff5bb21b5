// The example's API: accounts authenticate with a bearer token; inside /workspaces/:workspaceId a
// request sees that workspace's rows only (row-level security through workspaceClient), and its
// seat's role decides what it may change.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { Account, PrismaClient, Seat, SeatRole } from './generated/prisma/client.ts'
import { type WorkspaceClient, workspaceClient } from './tenant-client.ts'
import { signToken, verifyToken } from './tokens.ts'

export type AppDeps = { db: PrismaClient; tokenSecret: string }

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least seat role a route needs under /workspaces/:workspaceId (the tests read it too). */
    minRole?: SeatRole
  }
  interface FastifyInstance {
    signToken(accountId: string): string
  }
  interface FastifyRequest {
    account: Account
    /** Under /workspaces/:workspaceId: the caller's seat there and the workspace's own client. */
    workspace: { seat: Seat; tenant: WorkspaceClient }
  }
}

const EDITORS: readonly SeatRole[] = ['OWNER', 'EDITOR']

const workspaceParams = {
  type: 'object',
  required: ['workspaceId'],
  properties: { workspaceId: { type: 'integer', minimum: 1 } },
} as const
const projectParams = {
  type: 'object',
  required: ['workspaceId', 'projectId'],
  properties: { workspaceId: { type: 'integer', minimum: 1 }, projectId: { type: 'integer', minimum: 1 } },
} as const

function fail(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } })
}

export function buildApp({ db, tokenSecret }: AppDeps): FastifyInstance {
  const app = Fastify()
  app.decorate('signToken', (accountId: string) => signToken(accountId, tokenSecret))
  app.decorateRequest('account', null as unknown as Account)
  app.decorateRequest('workspace', null as unknown as FastifyRequest['workspace'])

  app.setErrorHandler(
    (error: { statusCode?: number; validation?: unknown; message: string }, _request, reply) => {
      if (error.validation) return fail(reply, 400, 'VALIDATION_FAILED', error.message)
      const status = error.statusCode ?? 500
      return fail(
        reply,
        status,
        status >= 500 ? 'INTERNAL' : 'BAD_REQUEST',
        status >= 500 ? 'Internal error' : error.message,
      )
    },
  )

  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization
    const accountId = header?.startsWith('Bearer ') ? verifyToken(header.slice(7), tokenSecret) : undefined
    const account = accountId && (await db.account.findUnique({ where: { id: accountId } }))
    if (!account) return fail(reply, 401, 'UNAUTHENTICATED', 'A valid bearer token is required')
    request.account = account
  })

  // Routes in a plugin, registered once the app is built (the test kit records them as they come).
  app.register(async (routes) => {
    routes.get('/me', async (request) => ({ id: request.account.id, email: request.account.email }))

    // Before the body is validated: an outsider learns nothing of a workspace, not even its schemas.
    routes.addHook('preValidation', async (request, reply) => {
      const raw = (request.params as { workspaceId?: string }).workspaceId
      const workspaceId = Number(raw)
      if (raw === undefined || !Number.isSafeInteger(workspaceId) || workspaceId < 1) return
      const tenant = workspaceClient(db, workspaceId)
      const seat = await tenant.seat.findFirst({ where: { accountId: request.account.id } })
      if (!seat) return fail(reply, 404, 'WORKSPACE_NOT_FOUND', 'No such workspace')
      request.workspace = { seat, tenant }
    })

    routes.get<{ Params: { workspaceId: number } }>(
      '/workspaces/:workspaceId/projects',
      { schema: { params: workspaceParams }, config: { minRole: 'READER' } },
      async (request) => {
        const { workspace: found } = request
        return found.tenant.project.findMany({ where: { archived: false }, orderBy: { id: 'asc' } })
      },
    )

    routes.post<{ Params: { workspaceId: number }; Body: { title: string } }>(
      '/workspaces/:workspaceId/projects',
      {
        config: { minRole: 'EDITOR' },
        schema: {
          params: workspaceParams,
          body: {
            type: 'object',
            required: ['title'],
            additionalProperties: false,
            properties: { title: { type: 'string', minLength: 1, maxLength: 200 } },
          },
        },
      },
      async (request, reply) => {
        const { workspaceId } = request.params
        const { workspace: found } = request
        if (!EDITORS.includes(found.seat.role))
          return fail(reply, 403, 'FORBIDDEN', 'Editors and owners only')
        const project = await found.tenant.project.create({
          data: { workspaceId, title: request.body.title },
        })
        return reply.code(201).send(project)
      },
    )

    routes.get<{ Params: { workspaceId: number; projectId: number } }>(
      '/workspaces/:workspaceId/projects/:projectId',
      { schema: { params: projectParams }, config: { minRole: 'READER' } },
      async (request, reply) => {
        const { workspace: found } = request
        const project = await found.tenant.project.findFirst({ where: { id: request.params.projectId } })
        return project ?? fail(reply, 404, 'PROJECT_NOT_FOUND', 'No such project')
      },
    )

    routes.delete<{ Params: { workspaceId: number; projectId: number } }>(
      '/workspaces/:workspaceId/projects/:projectId',
      { schema: { params: projectParams }, config: { minRole: 'OWNER' } },
      async (request, reply) => {
        const { workspace: found } = request
        if (found.seat.role !== 'OWNER') return fail(reply, 403, 'FORBIDDEN', 'Owners only')
        const { count } = await found.tenant.project.deleteMany({ where: { id: request.params.projectId } })
        if (count === 0) return fail(reply, 404, 'PROJECT_NOT_FOUND', 'No such project')
        return reply.code(204).send()
      },
    )
  })

  return app
}
