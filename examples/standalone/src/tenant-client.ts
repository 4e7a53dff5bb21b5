// The client a request uses inside one workspace: every query runs in a transaction that first
// sets app.workspace_id, which the row-level-security policies read (Prisma's row-level-security
// client extension, as in its examples).
import { Prisma, type PrismaClient } from './generated/prisma/client.ts'

export function forWorkspace(workspaceId: number) {
  return Prisma.defineExtension((client) =>
    client.$extends({
      query: {
        $allModels: {
          async $allOperations({ args, query }) {
            const [, result] = await client.$transaction([
              client.$executeRaw`SELECT set_config('app.workspace_id', ${String(workspaceId)}, TRUE)`,
              query(args),
            ])
            return result
          },
        },
      },
    }),
  )
}

/** `db` as seen from one workspace: rows of any other stay invisible. */
export function workspaceClient(db: PrismaClient, workspaceId: number) {
  return db.$extends(forWorkspace(workspaceId))
}

export type WorkspaceClient = ReturnType<typeof workspaceClient>
