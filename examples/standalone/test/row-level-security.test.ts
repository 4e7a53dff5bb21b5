// Row-level security holds under the kit: the code under test runs as app_user, so the policies
// apply, while the factories arrange rows of any workspace.

import { describe } from 'vitest'
import { workspaceClient } from '../src/tenant-client.ts'
import { expect, test } from './kit.ts'

test('a workspace client sees its own projects and none of another workspace', async ({ db, factories }) => {
  const [mine, theirs] = await factories.workspace.createList(2)
  await factories.project.createList(2, { workspace: mine })
  const hidden = await factories.project.create({ workspace: theirs, title: 'secret' })

  const projects = await workspaceClient(db, mine.id).project.findMany()

  expect(projects.map((project) => project.workspaceId)).toEqual([mine.id, mine.id])
  expect(await workspaceClient(db, mine.id).project.findUnique({ where: { id: hidden.id } })).toBeNull()
})

test('with no workspace set, the app role sees no project at all', async ({ db, factories }) => {
  await factories.project.create()
  expect(await db.project.count()).toBe(0)
})

test('the code under test runs as app_user, not as the server role', async ({ db }) => {
  const [row] = await db.$queryRaw<{ role: string }[]>`SELECT current_user AS role`
  expect(row?.role).toBe('app_user')
})

test('an insert into another workspace is refused by the policy', async ({ db, factories }) => {
  const [mine, theirs] = await factories.workspace.createList(2)
  await expect(
    workspaceClient(db, mine.id).project.create({ data: { workspaceId: theirs.id, title: 'planted' } }),
  ).rejects.toThrow(/row-level security/)
})

describe("in database isolation (a database of the test's own)", () => {
  test.override({ isolation: 'database' })

  test('the code under test runs as app_user and sees only what the policies allow', async ({
    db,
    factories,
  }) => {
    const [mine, theirs] = await factories.workspace.createList(2)
    await factories.project.create({ workspace: theirs })
    const [row] = await db.$queryRaw<{ role: string }[]>`SELECT current_user AS role`
    expect(row?.role).toBe('app_user')
    expect(await workspaceClient(db, mine.id).project.count()).toBe(0)
    expect(await workspaceClient(db, theirs.id).project.count()).toBe(1)
  })
})
