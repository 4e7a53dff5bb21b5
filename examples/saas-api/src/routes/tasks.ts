// /orgs/:orgSlug/projects/:projectId/tasks: a project's tasks, numbered per project (#1, #2, …).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { prisma } from '../db.ts'
import { HttpError, notFound } from '../lib/errors.ts'
import { ProjectParams } from './projects.ts'

const TaskParams = ProjectParams.extend({ taskId: z.uuid() })
const Status = z.enum(['TODO', 'IN_PROGRESS', 'DONE'])

const Task = z.object({
  id: z.string(),
  number: z.number(),
  title: z.string(),
  status: Status,
  assigneeId: z.string().nullable(),
  dueAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
})
const TaskBody = z.object({
  title: z.string().trim().min(1).max(200),
  status: Status.optional(),
  assigneeId: z.uuid().nullable().optional(),
  dueAt: z.coerce.date().nullable().optional(),
})

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The project of the URL, in the caller's organization, or 404. */
  const projectOf = async (organizationId: string, projectId: string) => {
    const project = await prisma.project.findFirst({
      where: { id: projectId, organizationId },
      select: { id: true },
    })
    if (!project) throw notFound('Project')
    return project
  }
  /** An assignee must be a member of the organization. */
  const checkAssignee = async (organizationId: string, assigneeId: string | null | undefined) => {
    if (!assigneeId) return
    const member = await prisma.membership.findUnique({
      where: { organizationId_userId: { organizationId, userId: assigneeId } },
      select: { id: true },
    })
    if (!member) throw new HttpError(422, 'ASSIGNEE_NOT_A_MEMBER', 'The assignee is not a member')
  }

  app.get(
    '/projects/:projectId/tasks',
    {
      config: { minRole: 'VIEWER' },
      schema: {
        params: ProjectParams,
        querystring: z.object({ status: Status.optional() }),
        response: { 200: z.array(Task) },
      },
    },
    async (request) => {
      const project = await projectOf(request.organization.id, request.params.projectId)
      return prisma.task.findMany({
        where: { projectId: project.id, status: request.query.status },
        orderBy: { number: 'asc' },
      })
    },
  )

  app.post(
    '/projects/:projectId/tasks',
    {
      config: { minRole: 'MEMBER' },
      schema: { params: ProjectParams, body: TaskBody, response: { 201: Task } },
    },
    async (request, reply) => {
      const project = await projectOf(request.organization.id, request.params.projectId)
      await checkAssignee(request.organization.id, request.body.assigneeId)
      // The project's counter and the task in one transaction: two tasks never get one number.
      const task = await prisma.$transaction(async (tx) => {
        const { taskCounter } = await tx.project.update({
          where: { id: project.id },
          data: { taskCounter: { increment: 1 } },
          select: { taskCounter: true },
        })
        return tx.task.create({ data: { ...request.body, projectId: project.id, number: taskCounter } })
      })
      return reply.code(201).send(task)
    },
  )

  app.get(
    '/projects/:projectId/tasks/:taskId',
    { config: { minRole: 'VIEWER' }, schema: { params: TaskParams, response: { 200: Task } } },
    async (request) => {
      const { projectId, taskId } = request.params
      const task = await prisma.task.findFirst({
        where: { id: taskId, projectId, project: { organizationId: request.organization.id } },
      })
      if (!task) throw notFound('Task')
      return task
    },
  )

  app.patch(
    '/projects/:projectId/tasks/:taskId',
    {
      config: { minRole: 'MEMBER' },
      schema: { params: TaskParams, body: TaskBody.partial(), response: { 200: Task } },
    },
    async (request) => {
      const { projectId, taskId } = request.params
      await checkAssignee(request.organization.id, request.body.assigneeId)
      const { count } = await prisma.task.updateMany({
        where: { id: taskId, projectId, project: { organizationId: request.organization.id } },
        data: request.body,
      })
      if (count === 0) throw notFound('Task')
      return prisma.task.findUniqueOrThrow({ where: { id: taskId } })
    },
  )

  app.delete(
    '/projects/:projectId/tasks/:taskId',
    { config: { minRole: 'ADMIN' }, schema: { params: TaskParams } },
    async (request, reply) => {
      const { projectId, taskId } = request.params
      const { count } = await prisma.task.deleteMany({
        where: { id: taskId, projectId, project: { organizationId: request.organization.id } },
      })
      if (count === 0) throw notFound('Task')
      return reply.code(204).send()
    },
  )
}
