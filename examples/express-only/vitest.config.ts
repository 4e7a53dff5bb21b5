// One Vitest project on the kit's PostgreSQL: the kit's globalSetup starts it (embedded by
// default, no Docker needed) and builds a template from prisma/migrations (found as the Prisma CLI
// finds them). The app takes its client as an argument, so no module mock is needed.
import { defineKitProject } from '@tenantkit/test-kit/vitest-project'

export default defineKitProject({
  test: { name: 'express-only', include: ['test/**/*.test.ts'] },
})
