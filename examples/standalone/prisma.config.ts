// Prisma CLI configuration, for the commands that need a database (`npm run db:migrate`, `migrate dev`):
// the schema and its migrations in db/ (not Prisma's default prisma/), the URL from DATABASE_URL.
// Generating and the first migration take the schema's path and need no database (package.json).
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'db/schema.prisma',
  migrations: { path: 'db/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
})
