// withApp with a buildApp that returns a promise (an async function): the `app` fixture must fail
// with WithAppError before the test body runs.
import Fastify from 'fastify'
import { test as base } from 'vitest'
import { withApp } from '../../../src/client/with-app.ts'

const test = withApp(
  base.extend<{ db: null; factories: null; isolation: 'transaction' }>({
    db: null,
    factories: null,
    isolation: 'transaction',
  }),
  {
    buildApp: (async () => Fastify()) as never,
    mintToken: () => 'token',
    tenants: {
      create: async () => ({}),
      member: async () => ({ userId: 'u', user: { id: 'u' } }),
      ownerRole: 'OWNER',
    },
  },
)

test('asks for the app', ({ app }) => {
  console.log(`BODY RAN ${typeof app}`)
})
