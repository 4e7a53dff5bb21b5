// `pnpm db:seed`: the demo tenants, on the database at DATABASE_URL (migrated beforehand).
import { createPrismaClient } from '@tenantkit/db'
import { DEMO_OWNER_EMAIL, DEMO_PASSWORD, seedDemoData } from './demo-data.ts'

const url = process.env.DATABASE_URL
if (!url) {
  console.error(
    'DATABASE_URL is not set. Point it at a migrated database (pnpm db:migrate), or use `pnpm dev`.',
  )
  process.exit(1)
}
const db = createPrismaClient({ url })
try {
  const seeded = await seedDemoData(db)
  console.log(seeded ? 'Demo data seeded.' : 'Demo data already present.')
  console.log(`Demo login: ${DEMO_OWNER_EMAIL} / ${DEMO_PASSWORD}`)
} finally {
  await db.$disconnect()
}
