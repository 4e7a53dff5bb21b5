// @tenantkit/db: the generated Prisma client and the one place that turns a URL into a client.
// Migrations: `@tenantkit/migrations`; factories: `@tenantkit/db/factories`.
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import { PrismaClient } from './generated/prisma/client.ts'

export * from './generated/prisma/client.ts'

export type CreatePrismaClientOptions =
  | { url: string; adapter?: never }
  /** A ready driver adapter (the test kit passes its savepoint adapter here). */
  | { adapter: SqlDriverAdapterFactory; url?: never }

/**
 * Builds a PrismaClient on `@prisma/adapter-pg`.
 * @example const db = createPrismaClient({ url: process.env.DATABASE_URL })
 */
export function createPrismaClient(options: CreatePrismaClientOptions): PrismaClient {
  const adapter = options.adapter ?? new PrismaPg({ connectionString: options.url })
  return new PrismaClient({ adapter })
}
