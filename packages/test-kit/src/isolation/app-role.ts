// The role the code under test runs as (`createKit({ role })`): the startup option a
// database-mode connection takes it with, the factories' way back to the server's role (test data
// is arranged as an owner would, past row-level security), and the error that says how to fix it.
import type { FactoryClient } from '@tenantkit/factories'
import { AppRoleError } from '../errors.ts'
import { quoteIdent } from '../provision/database-names.ts'
import type { KitClient } from './kit-client.ts'

/** Role names the kit passes as a connection's startup option unquoted. */
const PLAIN_ROLE = /^[A-Za-z_][A-Za-z0-9_]*$/

/** pg's `options` for a connection that runs as `role` from its first statement. */
export function roleStartupOption(role: string): string {
  if (!PLAIN_ROLE.test(role)) {
    throw new AppRoleError(
      `createKit({ role: ${JSON.stringify(role)} }): use a role name of letters, digits and underscores (the name your app connects as).`,
    )
  }
  return `-c role=${role}`
}

export function appRoleError(role: string, cause: unknown): AppRoleError {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new AppRoleError(
    `The code under test runs as role "${role}" (createKit({ role })), but the test's connection could not take it: ${reason}. Create the role in a migration (CREATE ROLE ${role} NOLOGIN, guarded by IF NOT EXISTS: roles belong to the server) and grant it what the app needs, or leave role out to run as the server's role.`,
    { cause },
  )
}

type InteractiveTransactions = {
  $transaction<R>(fn: (tx: FactoryClient) => Promise<R>): Promise<R>
}

/**
 * A client for the factories that runs each statement as the connection's own (server) role:
 * `SET LOCAL ROLE NONE` in a transaction of its own (a savepoint inside the test's transaction),
 * then back to `role` before it ends. Rolled back on failure, the savepoint restores `role` itself.
 */
export function asServerRole(db: KitClient, role: string): FactoryClient {
  if (!('$transaction' in db) || typeof db.$transaction !== 'function') {
    throw new AppRoleError(
      `createKit({ role: ${JSON.stringify(role)} }) needs a client with interactive transactions ($transaction(fn)) for the factories to write past row-level security: return a PrismaClient (extended or not) from createKit's client.`,
    )
  }
  const transactions = db as unknown as InteractiveTransactions
  const restore = `SET LOCAL ROLE ${quoteIdent(role)}`
  const asServer = <R>(statement: (tx: FactoryClient) => PromiseLike<R>): Promise<R> =>
    transactions.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL ROLE NONE')
      const result = await statement(tx)
      await tx.$executeRawUnsafe(restore)
      return result
    })
  return {
    $executeRawUnsafe: (query, ...values) => asServer((tx) => tx.$executeRawUnsafe(query, ...values)),
    $queryRawUnsafe: <T>(query: string, ...values: unknown[]) =>
      asServer((tx) => tx.$queryRawUnsafe<T>(query, ...values)),
  }
}
