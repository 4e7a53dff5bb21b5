// One Vitest project on the kit's PostgreSQL: the kit's globalSetup starts it (embedded by
// default, no Docker needed) and builds a template from prisma/migrations. src/env.ts validates at
// import, so the suite gives it an environment; DATABASE_URL is never dialled (the app's client is
// bound to each test's database by test/setup.ts) and PORT is never opened (listen() is bound too).
import { defineKitProject } from '@tenantkit/test-kit/vitest-project'

export default defineKitProject({
  test: {
    name: 'saas-api',
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    env: {
      DATABASE_URL: 'postgresql://unused@localhost/unused',
      JWT_SECRET: 'saas-api-tests-only-0123456789abcdef',
      PORT: '0',
    },
  },
})
