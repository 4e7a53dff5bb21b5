// A small in-memory app for the access-rules tests: teams (the tenants) with docs and comments,
// roles reader < editor < admin declared as `config.allow` on each route — none of it the API's
// names, so the kit's helpers prove they know no app. Each `bugs` switch plants one classic
// multi-tenant bug.
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyRequest } from 'fastify'
import type { RecordedRoute } from '../../src/client/route-table.ts'
import type { RouteAccess } from '../../src/client/tenancy.ts'

export const ROLES = ['reader', 'editor', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** How this app declares access on a route (read back by `accessOf`). */
type Allow = { allow?: Role; allowOnOthers?: Role; anonymous?: boolean }

export type AccessBugs = {
  /** GET …/docs/:docId and …/comments/:commentId load the row by its id alone. */
  foreignChild?: boolean
  /** DELETE …/docs/:docId declares `admin` but the role check skips DELETE. */
  missingRoleCheck?: boolean
  /** GET /teams/:teamId/docs lists every team's docs. */
  unfilteredList?: boolean
  /** GET /teams/:teamId/stats declares no role. */
  undeclared?: boolean
  /** GET /team/:teamId/summary, under a second prefix, answers anyone signed in. */
  secondPrefix?: boolean
}

type Doc = { id: string; teamId: string; authorId: string; title: string }
type Comment = { id: string; docId: string; text: string }

/** A team as the demo's tenancy makes it: its id and the ids of the doc and comment in it. */
export type DemoTeam = { id: string; docId: string; commentId: string }

const rank = (role: Role) => ROLES.indexOf(role)

/** Reads this app's declarations: what the suite passes as `accessOf`. */
export function accessOf(route: RecordedRoute): RouteAccess<Role> | undefined {
  const config = route.config as Allow
  if (config.anonymous) return { public: true }
  if (!config.allow) return undefined
  return { role: config.allow, ...(config.allowOnOthers && { othersRole: config.allowOnOthers }) }
}

export function createAccessDemo(bugs: AccessBugs = {}) {
  const memberships = new Map<string, Map<string, Role>>() // userId → teamId → role
  const docs: Doc[] = []
  const comments: Comment[] = []
  const app = Fastify()
  const userOf = (request: FastifyRequest) => {
    const header = request.headers.authorization
    return header?.startsWith('Bearer token:') ? header.slice('Bearer token:'.length) : undefined
  }
  const fail = (status: number, code: string) => Object.assign(new Error(code), { statusCode: status, code })

  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config as Allow
    if (request.is404 || config.anonymous) return
    if (!userOf(request)) throw fail(401, 'UNAUTHENTICATED')
  })
  // Routes go in plugins, so they register after the kit's route recorder (as in any real app).
  app.register(async (open) => {
    open.get('/status', { config: { anonymous: true } satisfies Allow }, async () => ({ ok: true }))
    if (bugs.secondPrefix) {
      open.get('/team/:teamId/summary', { config: { allow: 'reader' } satisfies Allow }, async (request) => ({
        docs: docs.filter((d) => d.teamId === (request.params as { teamId: string }).teamId).length,
      }))
    }
    open.get('/me', async (request) => ({
      teams: [...(memberships.get(userOf(request) ?? '')?.keys() ?? [])],
    }))
  })

  app.register(async (teams) => {
    const roleOf = (request: FastifyRequest) => {
      const { teamId } = request.params as { teamId: string }
      return memberships.get(userOf(request) ?? '')?.get(teamId) as Role
    }
    teams.addHook('onRequest', async (request) => {
      const role = roleOf(request)
      if (!role) throw fail(404, 'TEAM_NOT_FOUND')
      const { allow } = request.routeOptions.config as Allow
      if (bugs.missingRoleCheck && request.method === 'DELETE') return
      if (allow && rank(role) < rank(allow)) throw fail(403, 'FORBIDDEN')
    })
    const team = (request: FastifyRequest) => (request.params as { teamId: string }).teamId
    const findDoc = (request: FastifyRequest) => {
      const { docId } = request.params as { docId: string }
      const doc = docs.find((d) => d.id === docId && (bugs.foreignChild || d.teamId === team(request)))
      if (!doc) throw fail(404, 'DOC_NOT_FOUND')
      return doc
    }
    const reader = { allow: 'reader' } satisfies Allow

    teams.get('/teams/:teamId/docs', { config: reader }, async (request) => ({
      items: docs.filter((d) => bugs.unfilteredList || d.teamId === team(request)),
    }))
    teams.post(
      '/teams/:teamId/docs',
      {
        config: { allow: 'editor' } satisfies Allow,
        schema: {
          body: {
            type: 'object',
            required: ['title', 'kind'],
            additionalProperties: false,
            properties: {
              title: { type: 'string', minLength: 3, pattern: '^[a-z]+$' },
              kind: { enum: ['note', 'memo'] },
              tags: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
      async (request, reply) => {
        const { title } = request.body as { title: string }
        const doc = { id: randomUUID(), teamId: team(request), authorId: userOf(request) ?? '', title }
        docs.push(doc)
        return reply.code(201).send(doc)
      },
    )
    teams.get('/teams/:teamId/docs/:docId', { config: reader }, async (request) => findDoc(request))
    teams.patch(
      '/teams/:teamId/docs/:docId',
      {
        // Editors change the docs they wrote; changing anyone's takes an admin.
        config: { allow: 'editor', allowOnOthers: 'admin' } satisfies Allow,
        schema: {
          body: {
            type: 'object',
            required: ['title'],
            additionalProperties: false,
            properties: { title: { type: 'string', minLength: 1 } },
          },
        },
      },
      async (request) => {
        const doc = findDoc(request)
        if (doc.authorId !== userOf(request) && rank(roleOf(request)) < rank('admin'))
          throw fail(403, 'FORBIDDEN')
        doc.title = (request.body as { title: string }).title
        return doc
      },
    )
    teams.delete(
      '/teams/:teamId/docs/:docId',
      { config: { allow: 'admin' } satisfies Allow },
      async (request, reply) => {
        const doc = findDoc(request)
        docs.splice(docs.indexOf(doc), 1)
        return reply.code(204).send()
      },
    )
    teams.get('/teams/:teamId/docs/:docId/comments/:commentId', { config: reader }, async (request) => {
      const doc = findDoc(request)
      const { commentId } = request.params as { commentId: string }
      const comment = comments.find((c) => c.id === commentId && (bugs.foreignChild || c.docId === doc.id))
      if (!comment) throw fail(404, 'COMMENT_NOT_FOUND')
      return comment
    })
    teams.get(
      '/teams/:teamId/stats',
      { config: (bugs.undeclared ? {} : reader) as Allow },
      async (request) => ({
        docs: docs.filter((d) => d.teamId === team(request)).length,
      }),
    )
  })

  const join = (userId: string, teamId: string, role: Role) => {
    const teams = memberships.get(userId) ?? new Map<string, Role>()
    teams.set(teamId, role)
    memberships.set(userId, teams)
  }
  /** A team with an admin who wrote one doc, which has one comment. */
  const makeTeam = async (): Promise<DemoTeam> => {
    const teamId = randomUUID()
    const author = randomUUID()
    join(author, teamId, 'admin')
    const doc = { id: randomUUID(), teamId, authorId: author, title: 'first' }
    const comment = { id: randomUUID(), docId: doc.id, text: 'hello' }
    docs.push(doc)
    comments.push(comment)
    return { id: teamId, docId: doc.id, commentId: comment.id }
  }
  const makeMember = async (team: DemoTeam, role: Role) => {
    const id = randomUUID()
    join(id, team.id, role)
    return { id }
  }
  return { app, makeTeam, makeMember, sign: (userId: string) => `token:${userId}` }
}
