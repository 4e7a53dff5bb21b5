// One Vitest project on the kit's PostgreSQL: the kit's globalSetup starts it (embedded by
// default, no Docker needed) and builds a template from db/migrations (the `migrations` option:
// the schema lives outside Prisma's default prisma/).
import { defineKitProject } from '@tenantkit/test-kit/vitest-project'

export default defineKitProject({
  migrations: 'db/migrations',
  test: { name: 'standalone', include: ['test/**/*.test.ts'] },
})
