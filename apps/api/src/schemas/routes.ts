// The API's route table as data: every route's method, path and schema. Route plugins register
// exactly these schemas; the test kit types its client from this map, and a test checks that
// Fastify's route table and this map agree.
import * as audit from './audit.ts'
import * as auth from './auth.ts'
import * as content from './content.ts'
import { health } from './health.ts'
import * as members from './members.ts'
import * as organizations from './organizations.ts'

export const routes = {
  'GET /health': health,
  'POST /auth/signup': auth.signup,
  'POST /auth/login': auth.login,
  'GET /me': auth.me,
  'POST /orgs': organizations.create,
  'GET /orgs': organizations.list,
  'GET /orgs/:orgId': organizations.get,
  'PATCH /orgs/:orgId': organizations.update,
  'DELETE /orgs/:orgId': organizations.remove,
  'GET /orgs/:orgId/members': members.list,
  'POST /orgs/:orgId/members': members.add,
  'PATCH /orgs/:orgId/members/:memberId': members.update,
  'DELETE /orgs/:orgId/members/:memberId': members.remove,
  'POST /orgs/:orgId/content': content.create,
  'GET /orgs/:orgId/content': content.list,
  'GET /orgs/:orgId/content/:contentId': content.get,
  'PATCH /orgs/:orgId/content/:contentId': content.update,
  'POST /orgs/:orgId/content/:contentId/schedule': content.schedule,
  'POST /orgs/:orgId/content/:contentId/publish': content.publish,
  'POST /orgs/:orgId/content/:contentId/archive': content.archive,
  'DELETE /orgs/:orgId/content/:contentId': content.remove,
  'GET /orgs/:orgId/audit': audit.list,
} as const

export type ApiRoutes = typeof routes
