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
    tenancy: {
      roles: ['OWNER'],
      tenant: async () => ({}),
      member: async () => ({ id: 'u' }),
    },
  },
)

test('asks for the app', ({ app }) => {
  console.log(`BODY RAN ${typeof app}`)
})
