// What the factories read from a data model, on small hand-written models: the insert order from
// the relation graph, the cycle a schema cannot be planned with (named), unique columns, tenancy.
import { describe, expect, test } from 'vitest'
import { schemaInfo } from '../../../factories/src/schema-info.ts'
import {
  createFactories,
  type DataModel,
  DataModelError,
  defineFactories,
  type FieldMeta,
  type ModelMeta,
} from '../../src/index.ts'

const noDatabase = () => {
  throw new Error('build() must not touch the database')
}

const scalar = (name: string, extra: Partial<FieldMeta> = {}): FieldMeta =>
  ({
    name,
    kind: 'scalar',
    type: 'String',
    dbName: name,
    isRequired: true,
    isList: false,
    isId: false,
    isUnique: false,
    isUpdatedAt: false,
    ...extra,
  }) as FieldMeta
const id = scalar('id', { isId: true, default: { kind: 'uuid' } } as Partial<FieldMeta>)
const belongsTo = (name: string, type: string, from: string, isRequired = true): FieldMeta => ({
  name,
  kind: 'object',
  type,
  isRequired,
  isList: false,
  relationName: `${name}To${type}`,
  fromFields: [from],
  toFields: ['id'],
})
const model = (name: string, fields: FieldMeta[], uniqueIndexes: string[][] = []): ModelMeta => ({
  name,
  dbName: name.toLowerCase(),
  fields: [id, ...fields],
  primaryKey: ['id'],
  uniqueIndexes,
})
const dataModel = (...models: ModelMeta[]): DataModel => ({
  models: Object.fromEntries(models.map((m) => [m.name, m])),
  enums: {},
})

describe('schemaInfo', () => {
  test('orders inserts parents first, whatever the order of the schema', () => {
    const info = schemaInfo(
      dataModel(
        model('Line', [scalar('orderId'), belongsTo('order', 'Order', 'orderId')]),
        model('Order', [scalar('shopId'), belongsTo('shop', 'Shop', 'shopId')]),
        model('Shop', []),
      ),
    )
    expect(info.insertOrder).toEqual(['shop', 'order', 'line'])
  })

  test('breaks a cycle at its optional relation', () => {
    const info = schemaInfo(
      dataModel(
        model('A', [scalar('bId', { isRequired: false }), belongsTo('b', 'B', 'bId', false)]),
        model('B', [scalar('aId'), belongsTo('a', 'A', 'aId')]),
      ),
    )
    expect(info.insertOrder).toEqual(['a', 'b'])
  })

  test('a cycle of required relations leaves the schema usable, and planning into it names the relation', () => {
    const cyclic = dataModel(
      model('A', [scalar('bId'), belongsTo('b', 'B', 'bId')]),
      model('B', [scalar('aId'), belongsTo('a', 'A', 'aId')]),
      model('C', []),
    )
    expect(schemaInfo(cyclic).insertOrder).toEqual(expect.arrayContaining(['a', 'b', 'c']))
    const f = createFactories(noDatabase, defineFactories({ dataModel: cyclic }))
    expect(f.c?.build()).toMatchObject({ id: expect.any(String) })
    expect(() => f.a?.build()).toThrow(DataModelError)
    expect(() => f.a?.build()).toThrow(
      /B cannot be made without input: its required relation B\.a leads back to A \(A\.b → B\.a\).*customisation of B that sets aId/,
    )
    // The customisation the error names breaks the cycle.
    const fixed = createFactories(
      noDatabase,
      defineFactories({ dataModel: cyclic, customizations: { b: { attributes: { aId: 'a-1' } } } }),
    )
    expect(fixed.a?.build()).toMatchObject({ bId: expect.any(String) })
  })

  test('makes one free column of every unique index unique, and leaves keys of planned parents alone', () => {
    const info = schemaInfo(
      dataModel(
        model('Shop', [scalar('slug', { isUnique: true })], [['slug']]),
        model(
          'Item',
          [scalar('shopId'), scalar('sku'), scalar('label'), belongsTo('shop', 'Shop', 'shopId')],
          [['shopId', 'sku'], ['shopId']],
        ),
      ),
    )
    expect([...(info.models.get('shop')?.uniqueFields ?? [])]).toEqual(['id', 'slug'])
    expect([...(info.models.get('item')?.uniqueFields ?? [])]).toEqual(['id', 'sku'])
  })

  test('finds the tenant column of every model that points at the tenant, and refuses an unknown tenant model', () => {
    const dm = dataModel(
      model('Shop', [scalar('slug', { isUnique: true })], [['slug']]),
      model('Item', [scalar('shopId'), belongsTo('shop', 'Shop', 'shopId')]),
      model('Note', [scalar('itemId'), belongsTo('item', 'Item', 'itemId')]),
    )
    const info = schemaInfo(dm, { model: 'shop', foreignKey: 'shopId' })
    expect(info.models.get('item')?.tenantColumn).toBe('shopId')
    expect(info.models.get('note')?.tenantColumn).toBeUndefined()
    expect(info.tenancy?.label).toBe('slug')
    expect(() => schemaInfo(dm, { model: 'store', foreignKey: 'storeId' })).toThrow(
      /no such model.*shop, item, note/,
    )
  })
})
