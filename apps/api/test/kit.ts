// The API suite's test kit: the kit bound to this schema (its client and its factories), the app
// built on each test's isolated database, a client typed from the app's route schemas, and the
// API's tenancy (./tenancy.ts), which names and makes the fixtures, eachRole's members and the
// access walk's tenants.
import { PrismaClient } from '@tenantkit/db'
import { appFactories } from '@tenantkit/db/factories'
import { createKit, eachRoleFor, withApp } from '@tenantkit/test-kit'
import type { Static } from 'typebox'
import { type AppConfig, createApp, routes } from '../src/app.ts'
import type { ErrorBody } from '../src/schemas/common.ts'
import { tenancy } from './tenancy.ts'

export { DEFAULT_PASSWORD, seedDemoData } from '@tenantkit/db/factories'
export { expect, expectAccessRules, TenantMixError, unchecked } from '@tenantkit/test-kit'
export { tenancy } from './tenancy.ts'

/** The kit bound to this schema: `kit.test` has `db` (a PrismaClient) and `factories`. */
export const kit = createKit({ client: (adapter) => new PrismaClient({ adapter }), factories: appFactories })
export const { createFactories } = kit

export const testConfig: AppConfig = {
  jwtSecret: 'tenantkit-api-tests-only-secret-0123456789',
  accessTokenTtlSeconds: 900,
  loginRateLimit: { max: 5, timeWindowMs: 60_000 },
  allowCurrentUserOverride: true,
}

export const test = withApp(kit.test, {
  buildApp: ({ db }) => createApp({ db, config: testConfig }),
  mintToken: (app, user) => app.jwt.sign({ sub: user.id }),
  // Override mode: the request runs as the chosen user, looked up by id, with no token and no
  // active check; requests not made in override mode fall back to the token.
  overrideCurrentUser: (app, identityOf) =>
    app.overrideCurrentUser(async (request) => {
      const identity = identityOf(request)
      return identity && app.db.user.findUniqueOrThrow({ where: { id: identity.id } })
    }),
  // The API's envelope: `{ error: { code, message, requestId, fields? } }`.
  readError: (body) => (body as Partial<Static<typeof ErrorBody>>).error,
  routes,
  tenancy,
})

export const eachRole = eachRoleFor(test)
