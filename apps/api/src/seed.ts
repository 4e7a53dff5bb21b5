// `pnpm db:seed`: the demo tenants (seedDemoData from @tenantkit/db/factories), on the migrated database at
// DATABASE_URL. Does nothing when they exist; SEED_RESET=1 deletes and seeds them again.
import { createPrismaClient } from '@tenantkit/db'
import { seedDemoData } from '@tenantkit/db/factories'

const url = process.env.DATABASE_URL
if (!url) {
  console.error(
    'DATABASE_URL is not set. Point it at a migrated database (pnpm db:migrate), or use `pnpm dev`.',
  )
  process.exit(1)
}
const db = createPrismaClient({ url })
try {
  const demo = await seedDemoData(db, { reset: process.env.SEED_RESET === '1' })
  console.log(demo.created ? 'Demo data seeded.' : 'Demo data already present (SEED_RESET=1 to seed again).')
  console.table(demo.logins)
  console.log(`Password of every demo user: ${demo.password}`)
} finally {
  await db.$disconnect()
}
