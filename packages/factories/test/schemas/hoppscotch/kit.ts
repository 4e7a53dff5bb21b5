// The hoppscotch schema bound to the kit with nothing but its client and data model.
import { defineFactories } from '@tenantkit/factories'
import { createKit } from '@tenantkit/test-kit'
import { dataModel } from './generated/data-model.ts'
import { PrismaClient } from './generated/prisma/client.ts'

export const kit = createKit({
  client: (adapter) => new PrismaClient({ adapter }),
  factories: defineFactories({ dataModel }),
})
export { dataModel }
