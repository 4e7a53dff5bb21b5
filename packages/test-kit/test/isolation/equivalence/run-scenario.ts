// Runs scenarios the two ways the suite compares: on production (a plain PrismaClient, adapter-pg
// with its own pool as an app builds it, on a fresh clone of the template) and on a given client.
import { PrismaClient } from '@tenantkit/db'
import pg from 'pg'
import { afterAll, inject } from 'vitest'
import { ClonePool } from '../../../src/isolation/clone-pool.ts'
import { databaseUrl, runDatabasePrefix } from '../../../src/provision/database-names.ts'
import type { Scenario } from './scenario.ts'

/** Runs `scenario` on `db`, with second connections to the same database closed afterwards. */
export async function runScenario(scenario: Scenario, db: PrismaClient): Promise<unknown> {
  const others: pg.Client[] = []
  const connect = async () => {
    const [row] = await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`
    const client = new pg.Client({
      connectionString: databaseUrl(inject('tenantkit').adminUrl, row?.name ?? ''),
    })
    others.push(client)
    await client.connect()
    return client
  }
  try {
    return await scenario.run({ db, connect })
  } finally {
    await Promise.all(others.map((client) => client.end()))
  }
}

/**
 * What production observes for each scenario, computed once per file on a fresh database each.
 * @example const production = productionRuns('eqt'); const expected = await production(scenario)
 */
export function productionRuns(label: string): (scenario: Scenario) => Promise<unknown> {
  const server = inject('tenantkit')
  const clones = new ClonePool({
    createClient: (adapter) => new PrismaClient({ adapter }),
    adminUrl: server.adminUrl,
    template: server.template,
    prefix: `${runDatabasePrefix(server.runId)}${label}${process.pid}_`,
  })
  afterAll(() => clones.close())
  const runs = new Map<string, Promise<unknown>>()
  return (scenario) => {
    let run = runs.get(scenario.name)
    if (!run) {
      run = clones.take().then(async (clone) => {
        try {
          return await runScenario(scenario, clone.db)
        } finally {
          clones.discard(clone)
        }
      })
      runs.set(scenario.name, run)
    }
    return run
  }
}
