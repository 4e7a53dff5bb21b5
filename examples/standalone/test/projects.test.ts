// The API through its real auth path: the kit's client calls it as a seat of a workspace, the
// role matrix checks each role, and the access walk calls every workspace route as an outsider and
// as every role.
import { eachRole, expect, expectAccessRules, test } from './kit.ts'

test('an owner lists the projects of their workspace', async ({ api, workspace, factories }) => {
  await factories.project.createList(3, { workspace })

  const projects = (await api.get(`/workspaces/${workspace.id}/projects`)).expectStatus(200)

  expect(projects).toHaveLength(3)
})

test('a request without a token is refused', async ({ api, workspace }) => {
  const response = await api.anonymous().get(`/workspaces/${workspace.id}/projects`)
  response.expectError(401, 'UNAUTHENTICATED')
})

test('a bad body gets a 400 with a stable code and creates nothing', async ({ api, workspace, db }) => {
  ;(await api.post(`/workspaces/${workspace.id}/projects`, { body: { title: '' } })).expectError(
    400,
    'VALIDATION_FAILED',
  )
  expect(await db.$queryRaw`SELECT id FROM projects`).toEqual([])
})

eachRole({ OWNER: 201, EDITOR: 201, READER: 403 }, async (client, { workspace, expected }) => {
  const response = await client.post(`/workspaces/${workspace.id}/projects`, { body: { title: 'Roadmap' } })
  expect(response.status, response.text).toBe(expected)
})

eachRole({ OWNER: 204, EDITOR: 403, READER: 403 }, async (client, { workspace, factories, expected }) => {
  const project = await factories.project.create({ workspace })
  const response = await client.delete(`/workspaces/${workspace.id}/projects/${project.id}`)
  expect(response.status, response.text).toBe(expected)
})

test('every workspace route refuses outsiders and keeps the role it declares', async ({ tenancy }) => {
  const report = await expectAccessRules(tenancy)

  expect(report.walked).toEqual(
    expect.arrayContaining([
      'GET /workspaces/:workspaceId/projects',
      'POST /workspaces/:workspaceId/projects',
      'GET /workspaces/:workspaceId/projects/:projectId',
      'DELETE /workspaces/:workspaceId/projects/:projectId',
    ]),
  )
  expect(report.unverified).toEqual([])
})
