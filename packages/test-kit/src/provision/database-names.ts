// Names and URLs of the databases a run creates. Everything the kit makes starts with tk_, so
// cleanup can never touch a user's own databases on an external server.
import { createHash } from 'node:crypto'

export const TEMPLATE_PREFIX = 'tk_tpl_'
export const RUN_PREFIX = 'tk_run_'
/** Databases kept for forensics (TEST_KEEP_FAILED_DB=1); no cleanup ever drops them. */
export const KEPT_PREFIX = 'tk_kept_'

export function runDatabasePrefix(runId: string): string {
  return `${RUN_PREFIX}${runId}_`
}

/** URL of database `name` on the server of `adminUrl`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

export function shortHash(...parts: string[]): string {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part).update('\0')
  return hash.digest('hex').slice(0, 12)
}
