// /orgs/:orgSlug/projects: an organization's projects. Every query is scoped to the organization
// the tenant preHandler loaded, so an id from another organization is simply not found.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { prisma } from '../db.ts'
import { notFound } from '../lib/errors.ts'

export const OrgParams = z.object({ orgSlug: z.string().min(1) })
export const ProjectParams = OrgParams.extend({ projectId: z.uuid() })

const Project = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
})
const ProjectBody = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2000).nullable().optional(),
})

export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects',
    {
      config: { minRole: 'VIEWER' },
      schema: { params: OrgParams, response: { 200: z.array(Project) } },
    },
    async (request) =>
      prisma.project.findMany({
        where: { organizationId: request.organization.id },
        orderBy: { createdAt: 'asc' },
      }),
  )

  app.post(
    '/projects',
    {
      config: { minRole: 'MEMBER' },
      schema: { params: OrgParams, body: ProjectBody, response: { 201: Project } },
    },
    async (request, reply) => {
      const project = await prisma.project.create({
        data: { ...request.body, organizationId: request.organization.id },
      })
      return reply.code(201).send(project)
    },
  )

  app.get(
    '/projects/:projectId',
    {
      config: { minRole: 'VIEWER' },
      schema: { params: ProjectParams, response: { 200: Project } },
    },
    async (request) => {
      const project = await prisma.project.findFirst({
        where: { id: request.params.projectId, organizationId: request.organization.id },
      })
      if (!project) throw notFound('Project')
      return project
    },
  )

  app.patch(
    '/projects/:projectId',
    {
      config: { minRole: 'MEMBER' },
      schema: { params: ProjectParams, body: ProjectBody.partial(), response: { 200: Project } },
    },
    async (request) => {
      const { count } = await prisma.project.updateMany({
        where: { id: request.params.projectId, organizationId: request.organization.id },
        data: request.body,
      })
      if (count === 0) throw notFound('Project')
      return prisma.project.findUniqueOrThrow({ where: { id: request.params.projectId } })
    },
  )

  app.delete(
    '/projects/:projectId',
    { config: { minRole: 'ADMIN' }, schema: { params: ProjectParams } },
    async (request, reply) => {
      const { count } = await prisma.project.deleteMany({
        where: { id: request.params.projectId, organizationId: request.organization.id },
      })
      if (count === 0) throw notFound('Project')
      return reply.code(204).send()
    },
  )
}
