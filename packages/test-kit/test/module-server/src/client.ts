// The stand-in for the app's generated client module.
export { PrismaClient } from '@tenantkit/db'
