// One test per cause that stopped the factories on real schemas (issue: "Any real schema"), and per
// feature real schemas use that this repository's own two schemas do not. Every factory here runs
// with no customisation: the kit binds the causes schema with its data model alone (kit.ts).
import { createFactories, type DataModel, defineFactories, UniqueCollisionError } from '@tenantkit/factories'
import { describe, expect, test } from 'vitest'
import { dataModel, kit } from './kit.ts'

/** A client for factories whose work must end before any statement (build(), the collision check). */
const unreachable = (): never => {
  throw new Error('this must not reach the database')
}
const noDatabase = { $executeRawUnsafe: unreachable, $queryRawUnsafe: unreachable }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('causes that stopped create() on real schemas', () => {
  kit.test(
    'enum values renamed with @map are stored under their database names on the default insert path',
    async ({ db, factories }) => {
      const ticket = await factories.ticket.create()
      const done = await factories.ticket.create({ stage: 'DONE', history: ['DONE', 'DRAFT'] })
      expect(ticket).toMatchObject({
        stage: 'IN_REVIEW',
        history: ['DRAFT', 'IN_REVIEW'],
        colours: ['RED', 'BLUE'],
      })
      expect(done).toMatchObject({ stage: 'DONE', history: ['DONE', 'DRAFT'] })
      const stored = await db.$queryRaw<{ id: number; stage: string; history: string[] }[]>`
      SELECT id, stage::text AS stage, history::text[] AS history FROM tickets ORDER BY id`
      expect(stored).toEqual([
        { id: ticket.id, stage: 'in-review', history: ['draft', 'in-review'] },
        { id: done.id, stage: 'done', history: ['done', 'draft'] },
      ])
    },
  )

  kit.test('enum lists and Decimal columns take their defaults', async ({ db, factories }) => {
    const [ticket] = await factories.ticket.createList(3)
    expect(ticket?.price.toString()).toBe('9.99')
    expect(ticket?.ratio.toString()).toBe('0.5')
    expect(await db.ticket.findMany({ select: { colours: true } })).toEqual(
      Array.from({ length: 3 }, () => ({ colours: ['RED', 'BLUE'] })),
    )
  })

  kit.test(
    'a required foreign-key column behind an optional relation field gets a parent',
    async ({ db, factories }) => {
      const note = await factories.note.create()
      const notes = await factories.note.createList(3)
      const authorIds = [note, ...notes].map((row) => row.authorId)
      expect(new Set(authorIds).size).toBe(4)
      expect(await db.author.count({ where: { id: { in: authorIds } } })).toBe(4)
    },
  )

  kit.test(
    'a unique VarChar too short for its value keeps what varies between rows, however long the namespace',
    async ({ db }) => {
      // As a Vitest worker past id 100 names them: `<run>w105i8j`, as long as the label column.
      const factories = kit.createFactories(db, { sequenceNamespace: 'bbddw105i8j' })
      const labels = (await factories.device.createList(5)).map((device) => device.label)
      expect(new Set(labels).size, labels.join(', ')).toBe(5)
      for (const label of labels) expect(label.length).toBeLessThanOrEqual(12)
    },
  )

  kit.test(
    'a String @id on a @db.Uuid column with no default gets a uuid; short VarChar and Char columns fit',
    async ({ db, factories }) => {
      const devices = await factories.device.createList(3)
      for (const device of devices) {
        expect(device.id).toMatch(UUID)
        expect(device.label.length).toBeLessThanOrEqual(12)
        expect(device.country).toHaveLength(2)
        expect(device.serial.length).toBeLessThanOrEqual(4)
      }
      expect(new Set(devices.map((device) => device.label)).size).toBe(3)
      expect(await db.device.count()).toBe(3)
    },
  )

  kit.test(
    'a primary key that is the foreign key of a one-to-one with an optional relation field gets its parent',
    async ({ db, factories }) => {
      const settings = await factories.settings.createList(3)
      const accountIds = settings.map((row) => row.accountId)
      expect(new Set(accountIds).size).toBe(3)
      expect(settings.every((row) => row.theme === 'light')).toBe(true)
      const accounts = await db.account.findMany({
        where: { id: { in: accountIds } },
        include: { settings: true },
      })
      expect(accounts.map((account) => account.settings?.accountId).sort()).toEqual([...accountIds].sort())
    },
  )

  test('length-limited strings fit in bytes too, as a SQL_ASCII server counts them', () => {
    // Faker's countries include "Réunion": cut to a Char(2) it was "Ré", 3 bytes, which a server
    // initialised with no locale (SQL_ASCII) refused. Every seed here builds ASCII that fits.
    const tooLong: string[] = []
    for (let seed = 1; seed <= 300; seed++) {
      const device = createFactories(noDatabase, defineFactories({ dataModel }), { seed }).device?.build()
      const bytes = (text = '') => Buffer.byteLength(text)
      if (!device || bytes(device.country) !== 2 || bytes(device.serial) > 4 || bytes(device.label) > 12)
        tooLong.push(`seed ${seed}: ${JSON.stringify(device)}`)
    }
    expect(tooLong).toEqual([])
  })

  kit.test('a @db.Time column is stored as a time of day on the insert path', async ({ db, factories }) => {
    const planned = await factories.shift.create()
    const nine = await factories.shift.create({ startsAt: new Date('1970-01-01T09:30:15Z') })
    const stored = await db.$queryRaw<{ id: number; starts_at: string; day: string }[]>`
      SELECT id, starts_at::text AS starts_at, day::text AS day FROM "Shift" ORDER BY id`
    expect(stored[0]).toMatchObject({
      id: planned.id,
      starts_at: expect.stringMatching(/^\d{2}:\d{2}:\d{2}/),
    })
    expect(stored[1]).toMatchObject({ id: nine.id, starts_at: '09:30:15' })
    for (const row of stored) expect(row.day).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // What create() returned is what the database gives back.
    const found = await db.shift.findUniqueOrThrow({ where: { id: planned.id } })
    expect(found).toEqual(planned)
  })

  kit.test('createList(3) varies unique columns whose only default is a literal', async ({ factories }) => {
    const singletons = await factories.singleton.createList(3)
    expect(new Set(singletons.map((row) => row.id)).size).toBe(3)
    expect(new Set(singletons.map((row) => row.name)).size).toBe(3)
    const releases = await factories.release.createList(3)
    expect(new Set(releases.map((row) => `${row.channel}/${row.version}`)).size).toBe(3)
  })

  test('rows that repeat a unique index nothing can vary fail naming the model, the constraint and the columns', async () => {
    // A unique Boolean with a literal default: two rows can only repeat it. The check runs
    // before any statement, so this client is never called.
    const flags: DataModel = {
      enums: {},
      models: {
        Flag: {
          name: 'Flag',
          dbName: 'flags',
          primaryKey: ['id'],
          uniqueIndexes: [['enabled']],
          fields: [
            {
              name: 'id',
              kind: 'scalar',
              type: 'Int',
              dbName: 'id',
              isRequired: true,
              isList: false,
              isId: true,
              isUnique: false,
              isUpdatedAt: false,
              default: { kind: 'autoincrement' },
            },
            {
              name: 'enabled',
              kind: 'scalar',
              type: 'Boolean',
              dbName: 'is_enabled',
              isRequired: true,
              isList: false,
              isId: false,
              isUnique: true,
              isUpdatedAt: false,
              default: { kind: 'literal', value: false },
            },
          ],
        },
      },
    }
    const f = createFactories(noDatabase, defineFactories({ dataModel: flags }))
    const error = await f.flag?.createList(2).then(
      () => undefined,
      (reason: unknown) => reason,
    )
    expect(error).toBeInstanceOf(UniqueCollisionError)
    expect(error).toMatchObject({ code: 'TK_UNIQUE_COLLISION' })
    expect(String((error as Error).message)).toMatch(
      /^Flag: two rows of one call have \(enabled\) = \(false\), and the unique constraint flags_is_enabled_key allows it once\..*Vary one per row, e\.g\. createList\(n, \(i\) => \(\{ enabled: … \}\)\)/,
    )
  })
})

describe('what real schemas use that the repository’s own schemas do not', () => {
  kit.test(
    '@id @unique on a foreign key: a required one-to-one from the child’s side',
    async ({ db, factories }) => {
      const profiles = await factories.profile.createList(3)
      const accountIds = profiles.map((row) => row.accountId)
      expect(new Set(accountIds).size).toBe(3)
      expect(await db.account.count({ where: { id: { in: accountIds } } })).toBe(3)
    },
  )

  kit.test(
    'a required one-to-one from the parent’s side: an account is made, with either child given',
    async ({ db, factories }) => {
      const account = await factories.account.create()
      const profile = await factories.profile.create({ account })
      const settings = await factories.settings.create({ account })
      expect(profile.accountId).toBe(account.id)
      expect(settings.accountId).toBe(account.id)
      expect(await db.account.count()).toBe(1)
    },
  )

  kit.test(
    'several self-relations in one model: a required one points at the row itself',
    async ({ db, factories }) => {
      const root = await factories.folder.create()
      expect(root).toMatchObject({ ownerId: root.id, parentId: null, templateId: null })
      const child = await factories.folder.create({ parent: root, template: root })
      expect(child).toMatchObject({ parentId: root.id, templateId: root.id, ownerId: child.id })
      const found = await db.folder.findUniqueOrThrow({
        where: { id: root.id },
        include: { children: true, copies: true },
      })
      expect(found.children.map((folder) => folder.id)).toEqual([child.id])
      expect(found.copies.map((folder) => folder.id)).toEqual([child.id])
    },
  )

  kit.test(
    '@@unique over a nullable column lets NULLs repeat, as PostgreSQL does',
    async ({ db, factories }) => {
      const roots = await factories.folder.createList(2, { name: 'Inbox' })
      expect(roots.map((folder) => [folder.parentId, folder.name])).toEqual([
        [null, 'Inbox'],
        [null, 'Inbox'],
      ])
      const [parent] = roots
      await factories.folder.create({ name: 'Inbox', parent })
      await expect(factories.folder.create({ name: 'Inbox', parent })).rejects.toThrow(/unique|duplicate/i)
      expect(await db.folder.count()).toBe(3)
    },
  )

  kit.test('a relation to a non-id unique field (references: [slug])', async ({ db, factories }) => {
    const repos = await factories.repo.createList(3)
    for (const repo of repos) expect(repo.id).toMatch(UUID)
    const slugs = repos.map((repo) => repo.orgSlug)
    expect(await db.org.count({ where: { slug: { in: slugs } } })).toBe(3)
    const org = await factories.org.create()
    expect(await factories.repo.create({ org })).toMatchObject({ orgSlug: org.slug })
  })

  kit.test(
    'an implicit many-to-many: both sides are made, and Prisma links them',
    async ({ db, factories }) => {
      const repo = await factories.repo.create()
      const topics = await factories.topic.createList(2)
      await db.repo.update({
        where: { id: repo.id },
        data: { topics: { connect: topics.map(({ id }) => ({ id })) } },
      })
      const linked = await db.repo.findUniqueOrThrow({ where: { id: repo.id }, include: { topics: true } })
      expect(linked.topics.map((topic) => topic.id).sort()).toEqual(topics.map((topic) => topic.id).sort())
    },
  )

  kit.test(
    'a @db.Citext unique column: distinct values that a case-insensitive index accepts',
    async ({ db, factories }) => {
      const accounts = await factories.account.createList(3)
      expect(new Set(accounts.map((account) => account.email.toLowerCase())).size).toBe(3)
      const [first] = accounts
      if (!first) throw new Error('createList(3) returned no rows')
      const found = await db.account.findUnique({ where: { email: first.email.toUpperCase() } })
      expect(found?.id).toBe(first.id)
      await expect(factories.account.create({ email: first.email.toUpperCase() })).rejects.toThrow(
        /unique|duplicate/i,
      )
    },
  )
})
