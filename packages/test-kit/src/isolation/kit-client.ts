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
