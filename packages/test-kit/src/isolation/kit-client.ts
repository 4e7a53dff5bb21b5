// What the kit needs of the schema's generated client, without knowing the schema: it is built
// on a driver adapter the kit supplies (the savepoint adapter, or adapter-pg on a clone) and can
// run a raw statement and disconnect. An app binds it once: `(adapter) => new PrismaClient({ adapter })`.
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'

export type KitClient = {
  $disconnect(): Promise<void>
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>
}

export type ClientFactory<C extends KitClient = KitClient> = (adapter: SqlDriverAdapterFactory) => C

/** How the kit makes the code under test's client: the schema's client, and the role it runs as. */
export type DatabaseBinding<C extends KitClient = KitClient> = {
  client: ClientFactory<C>
  /**
   * The PostgreSQL role the code under test runs as, as in production (`'app_user'`): the
   * test's transaction, or a database-mode test's connections, take it with SET ROLE. Row-level
   * security applies to a role that is not a superuser, has no BYPASSRLS and does not own the
   * tables (or to the owner under FORCE ROW LEVEL SECURITY); the server's own superuser skips
   * it. The role must exist (a migration can create it) and hold the table grants the app needs.
   * Default: the server's role, which row-level security does not restrict.
   */
  role?: string
}
