// CREATE DATABASE … TEMPLATE, the one way the kit makes a test database.
import type pg from 'pg'
import { TemplateBusyError } from '../errors.ts'
import { quoteIdent } from './database-names.ts'

/**
 * Clones `template` into `name` (FILE_COPY: faster than WAL_LOG for small templates). PostgreSQL
 * refuses while another session is in the template (on an external server, autovacuum may be),
 * after waiting 5 s for it to leave: try `attempts` times before giving up with a message that says so.
 */
export async function cloneDatabase(
  admin: pg.ClientBase,
  name: string,
  template: string,
  { attempts = 5 }: { attempts?: number } = {},
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(
        `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)} STRATEGY FILE_COPY`,
      )
      return
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= attempts) {
        if ((error as { code?: string }).code === '55006') {
          throw new TemplateBusyError(
            `Could not clone template ${template}: another session is connected to it. Disconnect it (see pg_stat_activity where datname = '${template}'); on a server of your own (TEST_DATABASE_URL), keep other clients out of tk_tpl_* databases.`,
            { cause: error },
          )
        }
        throw error
      }
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt))
    }
  }
}
