// The property every schema under schemas/ is held to: with no customisation, every model gets a
// factory whose create() stores a row the database gives back unchanged, whose createList(3)
// stores three, and whose build() is a row create() accepts. One test per model, so a regression
// names the model.
import type { DataModel, ModelMeta } from '@tenantkit/factories'
import { describe, expect } from 'vitest'

type Row = Record<string, unknown>
// A union of a schema's factories has no callable signature: the one model-generic place here.
type AnyFactory = {
  create(overrides?: Row): Promise<Row>
  createList(count: number): Promise<Row[]>
  build(): Row
}
type AnyDelegate = { findFirst(args: { where: Row }): Promise<Row | null> }
type Fixtures = { db: object; factories: object }
/** The part of a kit (createKit's result) these tests use. */
type AnyKit = {
  test: (name: string, body: (fixtures: Fixtures) => Promise<void>) => void
  createFactories(db: never, options: { insert: 'createManyAndReturn' }): object
}

export const factoryKey = (model: string) => model.charAt(0).toLowerCase() + model.slice(1)

/** The fields that find one row: the primary key, else the first unique index. */
function keyOf(model: ModelMeta): readonly string[] {
  const key = model.primaryKey.length > 0 ? model.primaryKey : model.uniqueIndexes[0]
  if (!key) throw new Error(`${model.name} has neither a primary key nor a unique index`)
  return key
}

const whereKey = (model: ModelMeta, row: Row): Row =>
  Object.fromEntries(keyOf(model).map((field) => [field, row[field]]))

/**
 * Columns of a built row that create() takes as they are: not foreign keys (their parents were
 * only planned), not @updatedAt, not keys the database generates (build() numbers them itself).
 */
function ownColumns(model: ModelMeta, row: Row): Row {
  const foreignKeys = new Set(
    model.fields.flatMap((field) => (field.kind === 'object' ? field.fromFields : [])),
  )
  const kept = model.fields.filter(
    (field) =>
      field.kind !== 'object' &&
      !foreignKeys.has(field.name) &&
      !field.isUpdatedAt &&
      field.default?.kind !== 'autoincrement' &&
      field.default?.kind !== 'dbgenerated',
  )
  return Object.fromEntries(kept.map((field) => [field.name, row[field.name]]))
}

export function describeEveryModel(schema: string, dataModel: DataModel, kit: AnyKit): void {
  const { test } = kit
  describe(`${schema}: every model, no customisation`, () => {
    for (const model of Object.values(dataModel.models)) {
      const key = factoryKey(model.name)
      test(`${model.name}: create(), createList(3) and a built row create() accepts`, async ({
        db,
        factories,
      }) => {
        const factory = (factories as Record<string, AnyFactory>)[key] as AnyFactory
        const delegate = (db as Record<string, AnyDelegate>)[key] as AnyDelegate

        const created = await factory.create()
        expect(await delegate.findFirst({ where: whereKey(model, created) })).toEqual(created)

        const list = await factory.createList(3)
        expect(list).toHaveLength(3)
        for (const row of list) expect(await delegate.findFirst({ where: whereKey(model, row) })).toEqual(row)
        expect(new Set(list.map((row) => JSON.stringify(whereKey(model, row)))).size).toBe(3)

        const built = ownColumns(model, factory.build())
        const stored = await factory.create(built)
        expect(ownColumns(model, stored)).toEqual(built)

        // Prisma's own bulk insert (what Prisma query extensions see) takes the same rows.
        const viaPrisma = kit.createFactories(db as never, { insert: 'createManyAndReturn' })
        const rows = await (viaPrisma as Record<string, AnyFactory>)[key]?.createList(3)
        for (const row of rows ?? [])
          expect(await delegate.findFirst({ where: whereKey(model, row) })).toEqual(row)
        expect(rows).toHaveLength(3)
      })
    }
  })
}
