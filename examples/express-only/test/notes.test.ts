// The API through its real auth path: the kit's client calls the Express app in process (no
// port) as a member of a workspace, and the role matrix checks each role.
import { eachRole, expect, test } from './kit.ts'

test('an owner lists the notes of their workspace', async ({ api, workspace, factories }) => {
  await factories.note.createList(3, { workspace })

  const notes = (await api.get(`/workspaces/${workspace.id}/notes`)).expectStatus(200)

  expect(notes).toHaveLength(3)
})

test('a request without a token is refused', async ({ api, workspace }) => {
  const response = await api.anonymous().get(`/workspaces/${workspace.id}/notes`)
  response.expectError(401, 'UNAUTHENTICATED')
})

test('a member of another workspace gets a 404 and learns nothing', async ({ api, factories }) => {
  const theirs = await factories.workspace.create()
  const note = await factories.note.create({ workspace: theirs })

  ;(await api.get(`/workspaces/${theirs.id}/notes/${note.id}`)).expectError(404, 'WORKSPACE_NOT_FOUND')
})

test('a bad body gets a 400 with a stable code and creates nothing', async ({ api, workspace, db }) => {
  ;(await api.post(`/workspaces/${workspace.id}/notes`, { body: { title: '' } })).expectError(
    400,
    'VALIDATION_FAILED',
  )
  expect(await db.note.count()).toBe(0)
})

test('a new workspace has its creator as owner', async ({ api, user }) => {
  const created = (await api.post('/workspaces', { body: { name: 'Design' } })).expectStatus(201) as {
    id: string
  }

  const me = (await api.get('/me')).expectStatus(200) as { workspaces: { id: string; role: string }[] }
  expect(me.workspaces).toContainEqual({ id: created.id, role: 'OWNER' })
  expect(me).toMatchObject({ id: user.id })
})

eachRole({ OWNER: 201, EDITOR: 201, READER: 403 }, async (client, { workspace, expected }) => {
  const response = await client.post(`/workspaces/${workspace.id}/notes`, { body: { title: 'Roadmap' } })
  expect(response.status, response.text).toBe(expected)
})

eachRole({ OWNER: 204, EDITOR: 403, READER: 403 }, async (client, { workspace, factories, expected }) => {
  const note = await factories.note.create({ workspace })
  const response = await client.delete(`/workspaces/${workspace.id}/notes/${note.id}`)
  expect(response.status, response.text).toBe(expected)
})
