// A schema that shares nothing with the app, with zero customisation: every model builds,
// creates, bulk-creates and round-trips every column type, with its keys, defaults and relations
// derived from the generated data model.

import { Decimal } from '@prisma/client/runtime/client'
import { describe, expectTypeOf } from 'vitest'
import { dataModel } from './generated/data-model.ts'
import type { Customer, Order, OrderLine, OrderStatus, Product, Profile } from './generated/prisma/client.ts'
import { createFactories, expect, test } from './kit.ts'

const MODELS = ['customer', 'profile', 'product', 'order', 'orderLine'] as const
const noDatabase = () => {
  throw new Error('build() must not touch the database')
}

describe('the shop schema, no customisation', () => {
  test('has a factory for every model of the data model', () => {
    const f = createFactories(noDatabase, { seed: 1 })
    const keys = Object.keys(dataModel.models).map((name) => name.charAt(0).toLowerCase() + name.slice(1))
    expect(keys.sort()).toEqual([...MODELS].sort())
    for (const key of MODELS) expect(typeof f[key].build).toBe('function')
  })

  test('build() fills every column, honours @default and @updatedAt, and plans required parents', () => {
    const f = createFactories(noDatabase, { seed: 2 })
    const line = f.orderLine.build()
    expect(line.quantity).toBeTypeOf('number')
    expect(line.unitPrice).toBeInstanceOf(Decimal)
    const product = f.product.build()
    expect(product).toMatchObject({ active: true, stock: 0n, weight: null, tags: [] })
    expect(product.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(product.photo).toBeInstanceOf(Uint8Array)
    expect(product.updatedAt).toBeInstanceOf(Date)
    const profile = f.profile.build()
    expect(profile.id).toMatch(/^c[a-z0-9]{24}$/)
    expect(profile).toMatchObject({ bio: null, avatar: null, preferences: {} })
    const order = f.order.build()
    expect(order).toMatchObject({ status: 'PENDING', metadata: null })
    expect(order.id).toBeTypeOf('bigint')
    // Optional relations stay empty unless given; the self-relation takes a row.
    const referrer = f.customer.build()
    expect(referrer.referredById).toBeNull()
    expect(f.customer.build({ referredBy: referrer }).referredById).toBe(referrer.id)
  })

  test('enum traits come from the schema', () => {
    const f = createFactories(noDatabase, { seed: 3 })
    expect(f.order.with('shipped').build().status).toBe('SHIPPED')
    expectTypeOf<Parameters<typeof f.order.with>[number]>().toEqualTypeOf<Lowercase<OrderStatus>>()
  })

  test('create() stores every model and returns exactly what the database holds', async ({
    db,
    factories,
  }) => {
    const line = await factories.orderLine.create()
    const profile = await factories.profile.create({ bio: 'hi', avatar: Uint8Array.from([0, 1, 255]) })
    const stored = await db.orderLine.findUniqueOrThrow({
      where: { orderId_productId: { orderId: line.orderId, productId: line.productId } },
    })
    expect(line).toEqual(stored)
    expect(await db.profile.findUniqueOrThrow({ where: { id: profile.id } })).toEqual(profile)
    const product = await db.product.findUniqueOrThrow({ where: { id: line.productId } })
    expect(product.price).toBeInstanceOf(Decimal)
    const order = await db.order.findUniqueOrThrow({
      where: { id: line.orderId },
      include: { customer: true },
    })
    expect(order.id).toBeGreaterThan(0n)
    expect(order.customer.id).toBeGreaterThan(0)
  })

  test('autoincrement keys come from the database sequence, and children follow them', async ({
    db,
    factories,
  }) => {
    const orders = await factories.order.createList(3)
    const ids = orders.map((o) => o.id)
    expect(new Set(ids).size).toBe(3)
    for (const order of orders) {
      const customer = await db.customer.findUniqueOrThrow({ where: { id: order.customerId } })
      expect(customer.id).toBe(order.customerId)
    }
    const next = await db.customer.create({ data: { email: 'direct@example.com', name: 'Direct' } })
    expect(next.id).toBeGreaterThan(Math.max(...orders.map((o) => o.customerId)))
  })

  test('the one-to-one and the composite unique hold for many rows', async ({ db, factories }) => {
    await factories.profile.createList(50)
    const customer = await factories.customer.create()
    await factories.order.createList(20, { customer })
    expect(await db.profile.count()).toBe(50)
    expect(await db.order.count({ where: { customerId: customer.id } })).toBe(20)
  })

  test('bulk-creates 1,000 rows of every model', { timeout: 60_000 }, async ({ db, factories }) => {
    // Each model in turn (a union of factories has no callable createList: list them).
    await factories.customer.createList(1000)
    await factories.profile.createList(1000)
    await factories.product.createList(1000)
    await factories.order.createList(1000)
    await factories.orderLine.createList(1000)
    expect(await db.orderLine.count()).toBe(1000)
    expect(await db.product.count()).toBe(2000)
    expect(await db.order.count()).toBe(2000)
    expect(await db.profile.count()).toBe(1000)
    // customers: 1,000 of their own, 1,000 for the profiles and 2,000 for the orders.
    expect(await db.customer.count()).toBe(4000)
  })

  test("Prisma's createManyAndReturn path stores the same rows", async ({ db }) => {
    const f = createFactories(db, { insert: 'createManyAndReturn' })
    const line = await f.orderLine.create()
    const product = await f.product.create({ tags: ['a', 'b'], weight: 1.5 })
    expect(await db.product.findUniqueOrThrow({ where: { id: product.id } })).toEqual(product)
    expect(await db.orderLine.count()).toBe(1)
    expect(line.quantity).toBeTypeOf('number')
  })

  test('rows are typed from the generated client', () => {
    const f = createFactories(noDatabase)
    expectTypeOf(f.customer.build()).toEqualTypeOf<Customer>()
    expectTypeOf(f.profile.build()).toEqualTypeOf<Profile>()
    expectTypeOf(f.product.create).returns.toEqualTypeOf<Promise<Product>>()
    expectTypeOf(f.order.buildList(2)).toEqualTypeOf<Order[]>()
    expectTypeOf(f.orderLine.create).returns.toEqualTypeOf<Promise<OrderLine>>()
    expectTypeOf<Parameters<typeof f.order.build>[0]>().toExtend<{ customer?: Customer } | undefined>()
    // Never called: the compiler must refuse a column the model does not have.
    const rejected = () =>
      // @ts-expect-error a column the model does not have
      f.product.build({ colour: 'red' })
    expect(rejected).toThrow(/no column, relation or transient param "colour"/)
  })
})
