// Every route the app registers, walked from the route table it recorded at import: a member of
// another organization is refused everywhere (404), and each route keeps the role it declares.
import { expect, expectAccessRules, test } from './kit.ts'

test('every organization route refuses outsiders and keeps the role it declares', async ({ tenancy }) => {
  const report = await expectAccessRules(tenancy)

  expect(report.unverified).toEqual([])
  expect(report.walked).toEqual(
    expect.arrayContaining([
      'GET /orgs/:orgSlug/projects',
      'POST /orgs/:orgSlug/projects',
      'GET /orgs/:orgSlug/projects/:projectId',
      'PATCH /orgs/:orgSlug/projects/:projectId',
      'DELETE /orgs/:orgSlug/projects/:projectId',
      'GET /orgs/:orgSlug/projects/:projectId/tasks',
      'POST /orgs/:orgSlug/projects/:projectId/tasks',
      'GET /orgs/:orgSlug/projects/:projectId/tasks/:taskId',
      'PATCH /orgs/:orgSlug/projects/:projectId/tasks/:taskId',
      'DELETE /orgs/:orgSlug/projects/:projectId/tasks/:taskId',
    ]),
  )
})
