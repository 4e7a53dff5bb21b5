// Provider "external": a server the user runs (CI service container, a local PostgreSQL).
// Its settings are never changed; only databases named tk_* are created and dropped.
import { ExternalServerError } from '../../errors.ts'
import type { StartedServer } from './types.ts'

export async function useExternal(url: string): Promise<StartedServer> {
  // Loaded here, not at the kit's start: a run on another provider loads pg while its server starts.
  const { createPgClient } = await import('../pg-clients.ts')
  const client = createPgClient({ connectionString: url, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
    const { rows } = await client.query<{ ok: boolean }>(
      `SELECT rolsuper OR rolcreatedb AS ok FROM pg_roles WHERE rolname = current_user`,
    )
    if (!rows[0]?.ok) {
      throw new ExternalServerError(
        `TEST_DATABASE_URL=${redact(url)} connects as a role that cannot create databases. Grant it CREATEDB (ALTER ROLE … CREATEDB), or put a superuser in TEST_DATABASE_URL.`,
      )
    }
  } catch (error) {
    if (error instanceof ExternalServerError) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new ExternalServerError(
      `TEST_DATABASE_URL=${redact(url)} could not be used: ${reason}. Check that the server runs and the URL is right, or unset TEST_DATABASE_URL to use the embedded PostgreSQL.`,
      { cause: error },
    )
  } finally {
    await client.end().catch(() => undefined)
  }
  return { provider: 'external', adminUrl: url, stop: async () => {}, throwaway: false }
}

/** Hides the password of a URL for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '<unparsable URL>'
  }
}
