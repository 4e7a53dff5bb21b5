// The API suite's test kit: the kit's `test` with the app built on each test's isolated
// database, a client typed from the app's route schemas, and the role matrix.
import { test as kitTest } from '@tenantkit/test-kit'
// TODO: import from '@tenantkit/test-kit' once src/index.ts re-exports ./client/index.ts.
import { eachRoleFor, withApp } from '../../../packages/test-kit/src/client/index.ts'
// TEMPORARY: the kit's own `factories` fixture replaces this once it lands.
import { createFactories } from '../../../packages/test-kit/src/factories/create-factories.ts'
import { type AppConfig, createApp, routes } from '../src/app.ts'

export { expect } from '@tenantkit/test-kit'
export { expectTenantIsolation, unchecked } from '../../../packages/test-kit/src/client/index.ts'

export const testConfig: AppConfig = {
  jwtSecret: 'tenantkit-api-tests-only-secret-0123456789',
  accessTokenTtlSeconds: 900,
  loginRateLimit: { max: 5, timeWindowMs: 60_000 },
  allowCurrentUserOverride: true,
}

const baseTest = kitTest.extend('factories', async ({ db }) => createFactories(db))

export const test = withApp(baseTest, {
  buildApp: ({ db }) => createApp({ db, config: testConfig }),
  mintToken: (app, user) => app.jwt.sign({ sub: user.id }),
  // Override mode: the request runs as the chosen user, looked up by id, with no token and no
  // active check; requests not made in override mode fall back to the token.
  overrideCurrentUser: (app, identityOf) =>
    app.overrideCurrentUser(async (request) => {
      const identity = identityOf(request)
      return identity && app.db.user.findUniqueOrThrow({ where: { id: identity.id } })
    }),
  routes,
})

export const eachRole = eachRoleFor(test)

// TEMPORARY: from '@tenantkit/test-kit' once the factories are exported there.
export { DEFAULT_PASSWORD } from '../../../packages/test-kit/src/factories/password.ts'
