// Projects through the API as the app serves them: its real JWT check, its zod validation, its
// tenant preHandler; the role matrix over the routes that write.
import { eachRole, expect, test } from './kit.ts'

test('an owner lists the projects of their organization', async ({ api, org, factories }) => {
  await factories.project.createList(3, { organization: org })
  await factories.project.create() // another organization's

  const projects = (await api.get(`/orgs/${org.slug}/projects`)).expectStatus(200)

  expect(projects).toHaveLength(3)
})

test('create, read, rename and delete a project', async ({ api, org, db }) => {
  const created = (
    await api.post(`/orgs/${org.slug}/projects`, { body: { name: 'Launch', description: 'Q3' } })
  ).expectStatus(201) as { id: string; name: string }
  expect(created).toMatchObject({ name: 'Launch' })

  const url = `/orgs/${org.slug}/projects/${created.id}`
  expect((await api.get(url)).expectStatus(200)).toMatchObject({ description: 'Q3' })
  expect((await api.patch(url, { body: { name: 'Launch v2' } })).expectStatus(200)).toMatchObject({
    name: 'Launch v2',
  })
  ;(await api.delete(url)).expectStatus(204)
  ;(await api.get(url)).expectError(404, 'PROJECT_NOT_FOUND')
  expect(await db.project.count()).toBe(0)
})

test('a bad body gets a 400 and creates nothing', async ({ api, org, db }) => {
  const response = await api.post(`/orgs/${org.slug}/projects`, { body: { name: '' } })
  expect(response.status, response.text).toBe(400)
  expect(await db.project.count()).toBe(0)
})

test('a request without a token is refused', async ({ api, org }) => {
  ;(await api.anonymous().get(`/orgs/${org.slug}/projects`)).expectError(401, 'UNAUTHENTICATED')
})

test('an outsider gets 404, as if the organization did not exist', async ({ api, factories }) => {
  const other = await factories.organization.create()
  ;(await api.get(`/orgs/${other.slug}/projects`)).expectError(404, 'ORGANIZATION_NOT_FOUND')
})

eachRole({ OWNER: 201, ADMIN: 201, MEMBER: 201, VIEWER: 403 }, async (client, { org, expected }) => {
  const response = await client.post(`/orgs/${org.slug}/projects`, { body: { name: 'Roadmap' } })
  expect(response.status, response.text).toBe(expected)
})

eachRole(
  { OWNER: 204, ADMIN: 204, MEMBER: 403, VIEWER: 403 },
  async (client, { org, factories, expected }) => {
    const project = await factories.project.create({ organization: org })
    const response = await client.delete(`/orgs/${org.slug}/projects/${project.id}`)
    expect(response.status, response.text).toBe(expected)
  },
)
