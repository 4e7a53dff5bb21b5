// Recognizes a unique-constraint violation (Prisma's P2002) from any layer of the client.
import { Prisma } from '@tenantkit/db'

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'
}
