// The realistic test of bench/realistic.bench.ts and its child process: the body every contender
// runs, and the PGlite peers (prisma-pglite-bridge behind the same generated client, built from
// the same migrations) it is compared with.
import { PrismaTestingHelper } from '@chax-at/transactional-prisma-testing'
import type { PrismaPg } from '@prisma/adapter-pg'
import { type BridgeContext, type BridgeTemplate, loadBridgeTemplate } from 'prisma-pglite-bridge/testing'
import { PrismaClient } from '../packages/db/src/index.ts'

/**
 * A realistic test: a user, an organization created with its membership and 5 content items
 * (nested creates), then one findMany with an include. Two writes and one read through Prisma,
 * as an app's test of a listing would do; `key` keeps every unique column unique.
 */
export async function realisticBody(db: PrismaClient, key: string): Promise<void> {
  const user = await db.user.create({
    data: { email: `author-${key}@example.com`, fullName: 'Ada Author', passwordHash: 'not-a-real-hash' },
  })
  const organization = await db.organization.create({
    data: {
      name: 'Realistic organization',
      slug: `org-${key}`,
      memberships: { create: { userId: user.id, role: 'OWNER' } },
      content: {
        create: Array.from({ length: 5 }, (_, n) => ({
          authorId: user.id,
          title: `Item ${n}`,
          slug: `item-${n}`,
          body: 'Some text of a realistic length for a content item. '.repeat(4),
          status: n % 2 === 0 ? ('PUBLISHED' as const) : ('DRAFT' as const),
          tags: ['bench', `tag-${n}`],
        })),
      },
    },
  })
  const items = await db.contentItem.findMany({
    where: { organizationId: organization.id },
    include: { author: true, organization: { include: { memberships: true } } },
    orderBy: { slug: 'asc' },
  })
  if (items.length !== 5 || items[0]?.organization.memberships.length !== 1) {
    throw new Error(`the realistic body did not read back its rows (${key}: ${items.length} items)`)
  }
}

/** The generated client on the bridge's adapter (the adapter is @prisma/adapter-pg's PrismaPg). */
export const bridgeClient = (adapter: PrismaPg) => new PrismaClient({ adapter })

/** A PGlite database loaded from the template `createBridgeTemplate` dumped (migrations applied). */
export function loadPglite(template: BridgeTemplate): Promise<BridgeContext<PrismaClient>> {
  return loadBridgeTemplate(template, { client: bridgeClient })
}

/**
 * PGlite with a rollback per test: @chax-at/transactional-prisma-testing on the bridge's client
 * (an interactive $transaction held open per test, a SAVEPOINT around every query).
 */
export type RollbackPeer = {
  helper: PrismaTestingHelper<PrismaClient>
  proxy: PrismaClient
  /** Resolves once the background ROLLBACK of the last test has landed. */
  settled(): Promise<void>
}

export function rollbackPeer(context: BridgeContext<PrismaClient>): RollbackPeer {
  const helper = new PrismaTestingHelper(context.prisma)
  return {
    helper,
    proxy: helper.getProxyClient(),
    // rollbackCurrentTransaction() does not wait for its ROLLBACK. The bridge has one connection,
    // so a query on the plain client runs only once the ROLLBACK has released it; PGlite runs in
    // this thread, so without this wait the ROLLBACK would run inside the next contender's test.
    settled: async () => {
      await context.prisma.$queryRawUnsafe('SELECT 1')
    },
  }
}
