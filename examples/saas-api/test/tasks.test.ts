// Tasks through the API: numbered per project in a $transaction, assignees checked against the
// organization's members, and the role matrix.
import { eachRole, expect, test } from './kit.ts'

test('tasks are numbered per project', async ({ api, org, factories }) => {
  const project = await factories.project.create({ organization: org })
  const url = `/orgs/${org.slug}/projects/${project.id}/tasks`

  for (const title of ['Design', 'Build', 'Ship'])
    (await api.post(url, { body: { title } })).expectStatus(201)

  const tasks = (await api.get(url)).expectStatus(200) as { number: number; title: string }[]
  expect(tasks.map((task) => `#${task.number} ${task.title}`)).toEqual(['#1 Design', '#2 Build', '#3 Ship'])
})

test('update, filter and delete a task', async ({ api, org, factories, user }) => {
  const { project, task } = await factories.$create((plan) => {
    const project = plan.add('project', { organization: org })
    return { project, task: plan.add('task', { project, number: 1, status: 'TODO' }) }
  })
  const base = `/orgs/${org.slug}/projects/${project.id}/tasks`

  const updated = (
    await api.patch(`${base}/${task.id}`, { body: { status: 'DONE', assigneeId: user.id } })
  ).expectStatus(200)
  expect(updated).toMatchObject({ status: 'DONE', assigneeId: user.id })
  expect((await api.get(base, { query: { status: 'DONE' } })).expectStatus(200)).toHaveLength(1)
  expect((await api.get(base, { query: { status: 'TODO' } })).expectStatus(200)).toHaveLength(0)
  ;(await api.delete(`${base}/${task.id}`)).expectStatus(204)
  ;(await api.get(`${base}/${task.id}`)).expectError(404, 'TASK_NOT_FOUND')
})

test('an assignee from outside the organization is refused', async ({ api, org, factories }) => {
  const project = await factories.project.create({ organization: org })
  const stranger = await factories.user.create()
  const response = await api.post(`/orgs/${org.slug}/projects/${project.id}/tasks`, {
    body: { title: 'Review', assigneeId: stranger.id },
  })
  response.expectError(422, 'ASSIGNEE_NOT_A_MEMBER')
})

test("another organization's project is not found", async ({ api, org, factories }) => {
  const theirs = await factories.project.create()
  ;(await api.get(`/orgs/${org.slug}/projects/${theirs.id}/tasks`)).expectError(404, 'PROJECT_NOT_FOUND')
})

eachRole(
  { OWNER: 201, ADMIN: 201, MEMBER: 201, VIEWER: 403 },
  async (client, { org, factories, expected }) => {
    const project = await factories.project.create({ organization: org })
    const response = await client.post(`/orgs/${org.slug}/projects/${project.id}/tasks`, {
      body: { title: 'Write the changelog' },
    })
    expect(response.status, response.text).toBe(expected)
  },
)

eachRole(
  { OWNER: 200, ADMIN: 200, MEMBER: 200, VIEWER: 200 },
  async (client, { org, factories, expected }) => {
    const project = await factories.project.create({ organization: org })
    const response = await client.get(`/orgs/${org.slug}/projects/${project.id}/tasks`)
    expect(response.status, response.text).toBe(expected)
  },
)
