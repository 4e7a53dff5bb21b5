// Every model of the schema made through the factories, and read back through the app's own
// module-level client (src/db.ts), which the setup file bound to this test's database.
import { prisma } from '../src/db.ts'
import { expect, test } from './kit.ts'

test('a user', async ({ factories }) => {
  const user = await factories.user.create({ email: 'ada@example.com' })
  expect(await prisma.user.findUniqueOrThrow({ where: { email: 'ada@example.com' } })).toMatchObject({
    id: user.id,
  })
})

test('an organization, with a unique slug', async ({ factories }) => {
  const [first, second] = await factories.organization.createList(2)
  expect(first?.slug).not.toBe(second?.slug)
  expect(await prisma.organization.count()).toBe(2)
})

test('a membership of a user in an organization, with a role', async ({ factories }) => {
  const membership = await factories.membership.create({ role: 'ADMIN' })
  const stored = await prisma.membership.findUniqueOrThrow({
    where: { id: membership.id },
    include: { user: true, organization: true },
  })
  expect(stored).toMatchObject({ role: 'ADMIN', userId: membership.userId })
  expect(stored.organization.id).toBe(membership.organizationId)
})

test('a project of an organization', async ({ factories, org }) => {
  const project = await factories.project.create({ organization: org, name: 'Roadmap' })
  expect(await prisma.project.findMany({ where: { organizationId: org.id } })).toEqual([
    expect.objectContaining({ id: project.id, name: 'Roadmap' }),
  ])
})

test('tasks of a project, each with its own number', async ({ factories, org }) => {
  const project = await factories.project.create({ organization: org })
  await factories.task.createList(3, (index) => ({ project, number: index + 1 }))
  const tasks = await prisma.task.findMany({ where: { projectId: project.id }, orderBy: { number: 'asc' } })
  expect(tasks.map((task) => task.number)).toEqual([1, 2, 3])
})
