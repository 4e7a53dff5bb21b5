// One Vitest project on the kit's PostgreSQL: the kit's globalSetup starts it (embedded by
// default, no Docker needed) and builds a template from prisma/migrations.
import { defineKitProject } from '@tenantkit/test-kit/vitest-project'

export default defineKitProject({ test: { name: 'standalone', include: ['test/**/*.test.ts'] } })
