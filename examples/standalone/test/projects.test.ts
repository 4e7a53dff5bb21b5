// The API through its real auth path: the kit's client calls it as a member of a workspace, the
// role matrix checks each role, and the tenant walk calls every workspace route as an outsider.
import { eachRole, expect, expectTenantIsolation, test } from './kit.ts'

test('an owner lists the projects of their workspace', async ({ api, org, factories }) => {
  await factories.project.createList(3, { workspace: org })

  const projects = (await api.get(`/workspaces/${org.id}/projects`)).expectStatus(200)

  expect(projects).toHaveLength(3)
})

test('a request without a token is refused', async ({ api, org }) => {
  const response = await api.anonymous().get(`/workspaces/${org.id}/projects`)
  response.expectError(401, 'UNAUTHENTICATED')
})

test('a bad body gets a 400 with a stable code and creates nothing', async ({ api, org, db }) => {
  ;(await api.post(`/workspaces/${org.id}/projects`, { body: { title: '' } })).expectError(
    400,
    'VALIDATION_FAILED',
  )
  expect(await db.$queryRaw`SELECT id FROM projects`).toEqual([])
})

eachRole({ OWNER: 201, EDITOR: 201, READER: 403 }, async (client, { org, expected }) => {
  const response = await client.post(`/workspaces/${org.id}/projects`, { body: { title: 'Roadmap' } })
  expect(response.status, response.text).toBe(expected)
})

eachRole({ OWNER: 204, EDITOR: 403, READER: 403 }, async (client, { org, factories, expected }) => {
  const project = await factories.project.create({ workspace: org })
  const response = await client.delete(`/workspaces/${org.id}/projects/${project.id}`)
  expect(response.status, response.text).toBe(expected)
})

test('every workspace route answers 404 to a member of another workspace', async ({
  app,
  api,
  org,
  factories,
}) => {
  const project = await factories.project.create({ workspace: org })
  const outsider = await factories.$create((plan) => {
    const account = plan.add('account')
    plan.add('seat', { account, role: 'OWNER' })
    return account
  })

  const report = await expectTenantIsolation(app, {
    client: api.as(outsider),
    params: { workspaceId: org.id, projectId: project.id },
    prefix: '/workspaces/:workspaceId',
  })

  expect(report.checked).toEqual(
    expect.arrayContaining([
      'GET /workspaces/:workspaceId/projects',
      'POST /workspaces/:workspaceId/projects',
      'GET /workspaces/:workspaceId/projects/:projectId',
      'DELETE /workspaces/:workspaceId/projects/:projectId',
    ]),
  )
})
