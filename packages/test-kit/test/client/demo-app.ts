// A tiny app for the client's own tests: two tenants' worth of routes, a fake token signer and
// a phantom-typed schema provider (the kit must work with any type provider).
import Fastify, { type FastifyRequest, type FastifyTypeProvider } from 'fastify'

/** A JSON schema that carries its TypeScript type. */
export type Typed<T> = { readonly '~type'?: T; [keyword: string]: unknown }
const typed = <T>(schema: Record<string, unknown>): Typed<T> => schema

interface PhantomProvider extends FastifyTypeProvider {
  validator: this['schema'] extends Typed<infer T> ? T : unknown
  serializer: this['schema'] extends Typed<infer T> ? T : unknown
}

type Note = { id: string; orgId: string; text: string }
const Error4xx = typed<{ error: { code: string; message: string; requestId: string } }>({
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } },
    },
  },
})
const Envelope = (properties: Record<string, unknown>) => ({ type: 'object', properties })

export const routes = {
  'GET /whoami': {
    response: { 200: typed<{ user: string | null }>(Envelope({ user: { type: ['string', 'null'] } })) },
  },
  'GET /orgs/:orgId/notes': {
    querystring: typed<{ limit?: number }>({
      type: 'object',
      properties: { limit: { type: 'integer', maximum: 10 } },
      additionalProperties: false,
    }),
    response: { 200: typed<{ items: Note[] }>(Envelope({ items: { type: 'array' } })), '4xx': Error4xx },
  },
  'POST /orgs/:orgId/notes': {
    body: typed<{ text: string }>({
      type: 'object',
      required: ['text'],
      properties: { text: { type: 'string' } },
      additionalProperties: false,
    }),
    response: {
      201: typed<Note>(
        Envelope({ id: { type: 'string' }, orgId: { type: 'string' }, text: { type: 'string' } }),
      ),
      '4xx': Error4xx,
    },
  },
  'DELETE /orgs/:orgId/notes/:noteId': { response: { '4xx': Error4xx } },
} as const

export type DemoOptions = {
  /** Leaves `GET /orgs/:orgId/leak` unchecked, to prove the walk finds it. */
  leak?: boolean
}

/** Tokens are `token:<userId>`; org membership is `orgs[userId]`. */
export function createDemoApp(orgs: Record<string, string>, options: DemoOptions = {}) {
  const app = Fastify().withTypeProvider<PhantomProvider>()
  let override: ((request: FastifyRequest) => string | undefined) | undefined
  const userOf = (request: FastifyRequest) => {
    const overridden = override?.(request)
    if (overridden) return overridden
    const header = request.headers.authorization
    return header?.startsWith('Bearer token:') ? header.slice('Bearer token:'.length) : undefined
  }
  const setOverride = (resolver: typeof override) => {
    override = resolver
  }
  const sign = (userId: string) => `token:${userId}`
  const notes: Note[] = []

  app.register(async (scoped) => {
    scoped.get('/whoami', { schema: routes['GET /whoami'] }, async (request) => ({
      user: userOf(request) ?? null,
    }))
    scoped.register(async (plugin) => {
      const tenant = plugin.withTypeProvider<PhantomProvider>()
      tenant.addHook('onRequest', async (request, reply) => {
        const { orgId } = request.params as { orgId: string }
        const user = userOf(request)
        if (!user)
          return reply
            .code(401)
            .send({ error: { code: 'UNAUTHENTICATED', message: 'no', requestId: request.id } })
        if (orgs[user] !== orgId && !(options.leak && request.url.endsWith('/leak'))) {
          return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no', requestId: request.id } })
        }
      })
      tenant.get('/orgs/:orgId/notes', { schema: routes['GET /orgs/:orgId/notes'] }, async (request) => ({
        items: notes.filter((n) => n.orgId === (request.params as { orgId: string }).orgId),
      }))
      tenant.post(
        '/orgs/:orgId/notes',
        { schema: routes['POST /orgs/:orgId/notes'] },
        async (request, reply) => {
          const note = {
            id: String(notes.length + 1),
            orgId: (request.params as { orgId: string }).orgId,
            text: request.body.text,
          }
          notes.push(note)
          return reply.code(201).send(note)
        },
      )
      tenant.delete('/orgs/:orgId/notes/:noteId', async (_request, reply) => reply.code(204).send())
      tenant.get('/orgs/:orgId/leak', async () => ({ secret: true }))
    })
  })
  return { app, sign, setOverride }
}
