// The stand-in for an app's generated client module (`src/generated/prisma/client.ts`): what the
// test binds with bindPrismaModule. Only this app imports it.
export { PrismaClient } from '@tenantkit/db'
