// What the Wasm engine cannot do because it only ever talks to one database through its adapter:
// probe, create and drop whole databases. The native binary does these for `cli` commands and the
// `createDatabase` RPC method; `migrate dev`/`deploy` create a missing database through them.
import pg from 'pg'
import { withDatabase } from '../schema-engine.ts'
import { connectionError, invalidUrlError, isPgError, UserFacingError } from './user-facing-errors.ts'

const CONNECT_TIMEOUT_MS = 5_000

/** Resolves when `url` accepts a connection; throws a UserFacingError (P1xxx) otherwise. */
export async function checkConnection(url: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query('SELECT 1')
  })
}

/** Creates the database `url` names, connecting through the server's maintenance database. */
export async function createDatabase(url: string): Promise<string> {
  const name = databaseName(url)
  await withMaintenanceClient(url, async (client) => {
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`)
    } catch (error) {
      throw adminError(error, url, 'create')
    }
  })
  return name
}

/** Drops the database `url` names. */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url)
  await withMaintenanceClient(url, async (client) => {
    try {
      await client.query(`DROP DATABASE ${quoteIdent(name)}`)
    } catch (error) {
      throw adminError(error, url, 'drop')
    }
  })
}

function databaseName(url: string): string {
  const invalid = invalidUrlError(url)
  if (invalid) throw new UserFacingError(invalid)
  return decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres'
}

// Like the native engine: the `postgres` database, or `template1` where that one is missing.
async function withMaintenanceClient(url: string, run: (client: pg.Client) => Promise<void>): Promise<void> {
  try {
    await withClient(withDatabase(url, 'postgres'), run)
  } catch (error) {
    if (!(error instanceof UserFacingError && error.known.code === 'P1003')) throw error
    await withClient(withDatabase(url, 'template1'), run)
  }
}

async function withClient(url: string, run: (client: pg.Client) => Promise<void>): Promise<void> {
  const invalid = invalidUrlError(url)
  if (invalid) throw new UserFacingError(invalid)
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS })
  client.on('error', () => {})
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => {})
    const known = connectionError(error, url)
    throw known ? new UserFacingError(known) : error
  }
  try {
    await run(client)
  } finally {
    await client.end().catch(() => {})
  }
}

function adminError(error: unknown, url: string, action: 'create' | 'drop'): Error {
  if (isPgError(error) && error.code === '42P04') {
    const { hostname, port } = new URL(url)
    return new UserFacingError({
      code: 'P1009',
      message: `Database \`${databaseName(url)}\` already exists on the database server at \`${hostname}:${port || '5432'}\``,
      meta: {},
    })
  }
  const known = connectionError(error, url)
  if (known) return new UserFacingError(known)
  const message = error instanceof Error ? error.message : String(error)
  if (action === 'create') {
    return new UserFacingError({ code: 'P3000', message: `Failed to create database: ${message}`, meta: {} })
  }
  return error instanceof Error ? error : new Error(message)
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
