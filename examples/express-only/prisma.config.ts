// Prisma CLI configuration: the schema and migrations in Prisma's default prisma/, the URL from
// DATABASE_URL (needed by `migrate deploy` only; generating and diffing from empty need none).
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
})
