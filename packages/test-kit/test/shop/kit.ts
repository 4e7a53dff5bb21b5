// The shop schema bound to the kit with no customisation at all: only its client and the data
// model its generator wrote.
import { createKit, defineFactories } from '../../src/index.ts'
import { dataModel } from './generated/data-model.ts'
import { PrismaClient } from './generated/prisma/client.ts'

export const shopFactories = defineFactories({ dataModel })
export const kit = createKit({ client: (adapter) => new PrismaClient({ adapter }), factories: shopFactories })
export const { test, useDatabase, createFactories } = kit
export { expect } from 'vitest'
