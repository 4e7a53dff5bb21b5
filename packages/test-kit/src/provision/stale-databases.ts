// Finds and drops what dead runs left on a server: their tk_run_* databases and templates no
// live run uses. "Alive" is an advisory lock each run holds for its lifetime, so this works
// on an external server shared by several machines too.
import type pg from 'pg'
import { quoteIdent, RUN_PREFIX, TEMPLATE_PREFIX } from './database-names.ts'

/** Session lock key of a run, held on the run's admin connection until it ends. */
function runLockKey(runId: string): string {
  return `tenantkit:run:${runId}`
}

/** Shared lock key of a template, held by every run that clones it. */
function templateLockKey(template: string): string {
  return `tenantkit:template:${template}`
}

export async function holdRunLock(admin: pg.Client, runId: string): Promise<void> {
  await admin.query('SELECT pg_advisory_lock(hashtext($1))', [runLockKey(runId)])
}

export async function holdTemplateLock(admin: pg.Client, template: string): Promise<void> {
  await admin.query('SELECT pg_advisory_lock_shared(hashtext($1))', [templateLockKey(template)])
}

export async function releaseTemplateLock(admin: pg.Client, template: string): Promise<void> {
  await admin.query('SELECT pg_advisory_unlock_shared(hashtext($1))', [templateLockKey(template)])
}

/** Drops databases of runs whose lock nobody holds, and templates other than `keep` nobody uses. */
export async function dropStaleDatabases(
  admin: pg.Client,
  keepTemplate: string | undefined,
): Promise<string[]> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'tk\\_%' ORDER BY datname`,
  )
  const dropped: string[] = []
  for (const { datname } of rows) {
    let key: string | undefined
    if (datname.startsWith(RUN_PREFIX)) key = runLockKey(datname.slice(RUN_PREFIX.length).split('_')[0] ?? '')
    else if (datname.startsWith(TEMPLATE_PREFIX) && datname !== keepTemplate) key = templateLockKey(datname)
    if (!key) continue
    const { rows: lock } = await admin.query<{ free: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS free',
      [key],
    )
    if (!lock[0]?.free) continue
    try {
      await dropDatabase(admin, datname)
      dropped.push(datname)
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [key])
    }
  }
  return dropped
}

export async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  await admin.query(`ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE false`).catch(() => undefined)
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
}
