// The API, in Express 5 as such apps are written: a bearer-token middleware for every route, a
// workspace router mounted at /workspaces/:workspaceId (mergeParams) whose middleware answers 404
// to anyone who is not a member, a role check and zod validation per route, errors from one error
// handler. Each route says who may call it with the test kit's `declareRoute({ minRole })`, a
// middleware that only calls next(): the app checks the role itself (`requireRole`), the kit's
// access walk reads the declaration to know what to expect.
import { declareRoute } from '@tenantkit/test-kit'
import express, { type NextFunction, type Request, type Response, Router } from 'express'
import { z } from 'zod'
import type { Member, PrismaClient, Role, User } from './generated/prisma/client.ts'
import { verifyToken } from './tokens.ts'

export type AppDeps = { db: PrismaClient; tokenSecret: string }

/** What the middlewares leave for the handlers. */
type Locals = { user: User; member: Member }

export const ROLES: readonly Role[] = ['READER', 'EDITOR', 'OWNER']

const NewWorkspace = z.object({ name: z.string().min(1).max(80) })
const NewNote = z.object({ title: z.string().min(1).max(200), body: z.string().max(10_000).optional() })
const RoleChange = z.object({ role: z.enum(['READER', 'EDITOR', 'OWNER']) })
const Id = z.uuid()

class HttpError extends Error {
  readonly status: number
  readonly code: string
  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

const locals = (res: Response) => res.locals as Locals

/** The route's parameter `name` when it is a uuid, else a 404 with `code` (no such row can exist). */
function idParam(req: Request, name: string, code: string): string {
  const parsed = Id.safeParse(req.params[name])
  if (!parsed.success) throw new HttpError(404, code, 'Not found')
  return parsed.data
}

/** 403 unless the caller's role in the workspace is `minRole` or above. */
const requireRole = (minRole: Role) => (_req: Request, res: Response, next: NextFunction) => {
  if (ROLES.indexOf(locals(res).member.role) < ROLES.indexOf(minRole)) {
    throw new HttpError(403, 'FORBIDDEN', `${minRole} or above only`)
  }
  next()
}

/** The parsed body, or a 400. */
function bodyOf<Schema extends z.ZodType>(req: Request, schema: Schema): z.infer<Schema> {
  const parsed = schema.safeParse(req.body)
  if (!parsed.success) throw new HttpError(400, 'VALIDATION_FAILED', z.prettifyError(parsed.error))
  return parsed.data
}

export function buildApp({ db, tokenSecret }: AppDeps): express.Express {
  const app = express()
  app.use(express.json())

  app.use(async (req, res, next) => {
    const header = req.headers.authorization
    const userId = header?.startsWith('Bearer ') ? verifyToken(header.slice(7), tokenSecret) : undefined
    const user = userId && (await db.user.findUnique({ where: { id: userId } }))
    if (!user) throw new HttpError(401, 'UNAUTHENTICATED', 'A valid bearer token is required')
    res.locals.user = user
    next()
  })

  app.get('/me', async (_req, res) => {
    const { user } = locals(res)
    const members = await db.member.findMany({ where: { userId: user.id }, orderBy: { workspaceId: 'asc' } })
    res.json({
      id: user.id,
      email: user.email,
      workspaces: members.map((m) => ({ id: m.workspaceId, role: m.role })),
    })
  })

  app.post('/workspaces', async (req, res) => {
    const { name } = bodyOf(req, NewWorkspace)
    const workspace = await db.workspace.create({
      data: { name, members: { create: { userId: locals(res).user.id, role: 'OWNER' } } },
    })
    res.status(201).json(workspace)
  })

  // Everything under /workspaces/:workspaceId: members only; anyone else learns nothing (404).
  const workspace = Router({ mergeParams: true })
  workspace.use(async (req, res, next) => {
    const workspaceId = idParam(req, 'workspaceId', 'WORKSPACE_NOT_FOUND')
    const member = await db.member.findUnique({
      where: { workspaceId_userId: { workspaceId, userId: locals(res).user.id } },
    })
    if (!member) throw new HttpError(404, 'WORKSPACE_NOT_FOUND', 'No such workspace')
    res.locals.member = member
    next()
  })

  workspace.get('/notes', declareRoute({ minRole: 'READER' }), requireRole('READER'), async (_req, res) => {
    const { workspaceId } = locals(res).member
    res.json(await db.note.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } }))
  })

  workspace.post(
    '/notes',
    declareRoute({ minRole: 'EDITOR' }, { body: NewNote }),
    requireRole('EDITOR'),
    async (req, res) => {
      const { title, body } = bodyOf(req, NewNote)
      const { member } = locals(res)
      const note = await db.note.create({
        data: { workspaceId: member.workspaceId, authorId: member.userId, title, body },
      })
      res.status(201).json(note)
    },
  )

  workspace.get(
    '/notes/:noteId',
    declareRoute({ minRole: 'READER' }),
    requireRole('READER'),
    async (req, res) => {
      const id = idParam(req, 'noteId', 'NOTE_NOT_FOUND')
      const note = await db.note.findFirst({ where: { id, workspaceId: locals(res).member.workspaceId } })
      if (!note) throw new HttpError(404, 'NOTE_NOT_FOUND', 'No such note')
      res.json(note)
    },
  )

  workspace.delete(
    '/notes/:noteId',
    declareRoute({ minRole: 'OWNER' }),
    requireRole('OWNER'),
    async (req, res) => {
      const id = idParam(req, 'noteId', 'NOTE_NOT_FOUND')
      const { count } = await db.note.deleteMany({
        where: { id, workspaceId: locals(res).member.workspaceId },
      })
      if (count === 0) throw new HttpError(404, 'NOTE_NOT_FOUND', 'No such note')
      res.status(204).end()
    },
  )

  workspace.get('/members', declareRoute({ minRole: 'READER' }), requireRole('READER'), async (_req, res) => {
    const { workspaceId } = locals(res).member
    res.json(await db.member.findMany({ where: { workspaceId }, include: { user: true } }))
  })

  workspace.patch(
    '/members/:memberId',
    declareRoute({ minRole: 'OWNER' }, { body: RoleChange }),
    requireRole('OWNER'),
    async (req, res) => {
      const id = idParam(req, 'memberId', 'MEMBER_NOT_FOUND')
      const { role } = bodyOf(req, RoleChange)
      const { count } = await db.member.updateMany({
        where: { id, workspaceId: locals(res).member.workspaceId },
        data: { role },
      })
      if (count === 0) throw new HttpError(404, 'MEMBER_NOT_FOUND', 'No such member')
      res.status(204).end()
    },
  )

  app.use('/workspaces/:workspaceId', workspace)

  // Errors thrown by any middleware or handler (Express 5 forwards rejected promises here).
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof HttpError) {
      res.status(error.status).json({ error: { code: error.code, message: error.message } })
      return
    }
    // express.json()'s own errors (a body that is not JSON) carry a 4xx status.
    const status = (error as { status?: number }).status
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'BAD_REQUEST', message: 'Bad request' } })
      return
    }
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Internal error' } })
  })

  return app
}
