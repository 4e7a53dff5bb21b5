// Prisma's user-facing errors (P1xxx connection, P3xxx migrate), rebuilt for the bridge. The Wasm
// engine throws plain Errors whose text is the user-facing message (or a flattened driver error)
// followed by a span trace, without the error code; the native binary sends the code in
// `error.data.error_code`, and the CLI prints it above the message ("Error: P3009 …").
// Message templates: prisma-engines libs/user-facing-errors (common.rs, schema_engine.rs).
import { createRequire } from 'node:module'
import type { MigrationList } from '@prisma/schema-engine-wasm'
import type pg from 'pg'

export type KnownError = { code: string; message: string; meta: Record<string, unknown> }

/** Leading sentences of the messages the engine renders, with their codes. */
const MESSAGE_CODES: [RegExp, string][] = [
  [/^Authentication failed against database server/, 'P1000'],
  [/^Can't reach database server at/, 'P1001'],
  [/^The database server at .* was reached but timed out/, 'P1002'],
  [/^Database `[^`]*` does not exist/, 'P1003'],
  [/^Operations timed out after/, 'P1008'],
  [/^Database `[^`]*` already exists/, 'P1009'],
  [/^User `[^`]*` was denied access on the database/, 'P1010'],
  [/^Error opening a TLS connection/, 'P1011'],
  [/Validation Error Count: \d+/, 'P1012'],
  [/^The provided database string is invalid/, 'P1013'],
  [/^The underlying table for model/, 'P1014'],
  [/^Server has closed the connection/, 'P1017'],
  [/^Failed to create database:/, 'P3000'],
  [/^The `[^`]*` database is a system database/, 'P3004'],
  [/^The database schema is not empty/, 'P3005'],
  [/^Migration `[^`]*` failed to apply cleanly to the shadow database/, 'P3006'],
  [/^The migration `[^`]*` is already recorded as applied/, 'P3008'],
  [/^migrate found failed migrations in the target database/, 'P3009'],
  [/^The name of the migration is too long/, 'P3010'],
  [/^Migration `[^`]*` cannot be rolled back because it was never applied/, 'P3011'],
  [/^Migration `[^`]*` cannot be rolled back because it is not in a failed state/, 'P3012'],
  [/^Prisma Migrate could not create the shadow database/, 'P3014'],
  [/^Could not find the migration file at/, 'P3015'],
  [/^The fallback method for database resets failed/, 'P3016'],
  [/^The migration \S+ could not be found/, 'P3017'],
  [/^A migration failed to apply\./, 'P3018'],
  [/^The datasource provider `[^`]*` specified in your schema does not match/, 'P3019'],
  [/^Foreign keys cannot be created on this database/, 'P3021'],
  [/^Direct execution of DDL/, 'P3022'],
  [/^The introspected database was empty/, 'P4001'],
  [/^The schema of the introspected database was inconsistent/, 'P4002'],
]

/** Splits an engine error into its message and its span trace ("   0: crate::module …"). */
export function splitEngineError(text: string): { message: string; spanTrace: string } {
  const match = /^\s+0: \S+::/m.exec(text)
  const head = match ? text.slice(0, match.index) : text
  const spanTrace = match ? text.slice(match.index) : ''
  // Driver errors arrive as "external connector error\n<quaint's rendering>".
  const message = head.replace(/^external connector error\n/, '').trim()
  return { message, spanTrace }
}

/** The code of a message the engine rendered from a known user-facing error. */
export function codeOfMessage(message: string): string | undefined {
  return MESSAGE_CODES.find(([pattern]) => pattern.test(message))?.[1]
}

/** Migration names the engine was working on when it failed, innermost span first. */
export function migrationNamesInSpanTrace(spanTrace: string): string[] {
  return [...spanTrace.matchAll(/migration_name="([^"]+)"/g)].map((match) => match[1] as string)
}

type PgErrorFields = Pick<pg.DatabaseError, 'code' | 'message' | 'severity' | 'detail' | 'hint' | 'position'>

/** pg, required when an error is checked: reading migrations (the test kit's start) does not load it. */
const requirePg = createRequire(import.meta.url)

export function isPgError(error: unknown): error is PgErrorFields & Error {
  return error instanceof (requirePg('pg') as typeof pg).DatabaseError
}

/** P3018, as the native engine reports a migration script that PostgreSQL rejected. */
export function applyMigrationError(
  migrationName: string,
  databaseError: PgErrorFields,
  script?: string,
): KnownError {
  const database_error_code = databaseError.code ?? 'N/A'
  const database_error = renderDatabaseError(databaseError, script)
  return {
    code: 'P3018',
    message: `A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\nMigration name: ${migrationName}\n\nDatabase error code: ${database_error_code}\n\nDatabase error:\n${database_error}\n`,
    meta: { migration_name: migrationName, database_error_code, database_error },
  }
}

/** P3006: a migration of the history fails on the shadow database during `migrate dev`/`diff`. */
export function migrationDoesNotApplyCleanly(migrationName: string, inner: KnownError | string): KnownError {
  const errorCode = typeof inner === 'string' ? '' : `Error code: ${inner.code}\n`
  const innerMessage = typeof inner === 'string' ? inner : inner.message
  return {
    code: 'P3006',
    message: `Migration \`${migrationName}\` failed to apply cleanly to the shadow database. \n${errorCode}Error:\n${innerMessage}`,
    meta: { migration_name: migrationName },
  }
}

/** P3014: the shadow database could not be created. */
export function shadowDbCreationError(inner: KnownError | string): KnownError {
  const errorCode = typeof inner === 'string' ? '' : `Error code: ${inner.code}\n`
  const innerMessage = typeof inner === 'string' ? inner : inner.message
  return {
    code: 'P3014',
    message: `Prisma Migrate could not create the shadow database. Please make sure the database user has permission to create databases. Read more about the shadow database (and workarounds) at https://pris.ly/d/migrate-shadow\n\nOriginal error: ${errorCode}\n${innerMessage}`,
    meta: {},
  }
}

function renderDatabaseError(error: PgErrorFields, script: string | undefined): string {
  const lines = [`${error.severity ?? 'ERROR'}: ${error.message}`]
  if (error.detail) lines.push(`DETAIL: ${error.detail}`)
  if (error.hint) lines.push(`HINT: ${error.hint}`)
  const position = Number(error.position)
  if (script && Number.isInteger(position) && position > 0) {
    // PostgreSQL's position is a 1-based character offset into the script.
    const lineIndex = script.slice(0, position - 1).split('\n').length - 1
    const scriptLines = script.split('\n')
    const first = Math.max(0, lineIndex - 2)
    lines.push('', 'Position:')
    for (let i = first; i <= lineIndex; i++) {
      lines.push(`${i === lineIndex ? '>' : ' '} ${String(i + 1).padStart(4)} ${scriptLines[i] ?? ''}`)
    }
  }
  return lines.join('\n')
}

/** The script of `migrationName` in a migrations list the CLI sent, if it was readable. */
export function migrationScript(list: MigrationList | undefined, migrationName: string): string | undefined {
  const file = list?.migrationDirectories.find((dir) => dir.path === migrationName)?.migrationFile.content
  return file?.tag === 'ok' ? file.value : undefined
}

type Target = { host: string; port: string; database: string; user: string }

function targetOf(url: string): Target | undefined {
  try {
    const parsed = new URL(url)
    const socket = parsed.searchParams.get('host')
    return {
      host: socket ?? parsed.hostname.replace(/^\[|\]$/g, ''),
      port: parsed.port || '5432',
      database: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
      user: decodeURIComponent(parsed.username) || 'postgres',
    }
  } catch {
    return undefined
  }
}

/** P1013 for a URL the bridge cannot use, or undefined when it looks like a PostgreSQL URL. */
export function invalidUrlError(url: string): KnownError | undefined {
  let reason: string | undefined
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
      reason = `the URL must start with the protocol \`postgresql://\` or \`postgres://\` (got \`${parsed.protocol}//\`)`
    }
  } catch {
    reason = 'invalid URL'
  }
  if (!reason) return undefined
  return {
    code: 'P1013',
    message: `The provided database string is invalid. ${reason} in database URL. Please refer to the documentation in https://www.prisma.io/docs/reference/database-reference/connection-urls for constructing a correct connection string. In some cases, certain characters must be escaped. Please check the string for any illegal characters.`,
    meta: { details: reason },
  }
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOENT',
])
const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_)/

/**
 * The P1xxx error for a failure to reach or log in to the server at `url`: raw pg/network errors
 * and adapter-pg's mapped kinds both qualify. Undefined for anything else.
 */
export function connectionError(error: unknown, url: string): KnownError | undefined {
  const target = targetOf(url)
  if (!target || typeof error !== 'object' || error === null) return undefined
  const { host, port, database, user } = target
  const kind = (error as { cause?: { kind?: unknown } }).cause?.kind
  const code = (error as { code?: unknown }).code
  const message = error instanceof Error ? error.message : ''
  const known = (errorCode: string, text: string, meta: Record<string, unknown>): KnownError => ({
    code: errorCode,
    message: text,
    meta,
  })
  if (kind === 'DatabaseNotReachable' || (typeof code === 'string' && UNREACHABLE.has(code))) {
    return known(
      'P1001',
      `Can't reach database server at \`${host}\`:\`${port}\`\n\nPlease make sure your database server is running at \`${host}\`:\`${port}\`.`,
      { database_host: host, database_port: Number(port) },
    )
  }
  if (
    kind === 'SocketTimeout' ||
    code === 'ETIMEDOUT' ||
    /timeout expired|due to connection timeout/i.test(message)
  ) {
    return known(
      'P1002',
      `The database server at \`${host}\`:\`${port}\` was reached but timed out.\n\nPlease try again.\n\nPlease make sure your database server is running at \`${host}\`:\`${port}\`.\n\nContext: ${message}\n`,
      { database_host: host, database_port: port, context: message },
    )
  }
  if (kind === 'DatabaseDoesNotExist' || code === '3D000') {
    return known(
      'P1003',
      `Database \`${database}\` does not exist on the database server at \`${host}:${port}\`.`,
      { database_name: database, database_host: host, database_port: Number(port) },
    )
  }
  if (kind === 'AuthenticationFailed' || code === '28P01') {
    return known(
      'P1000',
      `Authentication failed against database server at \`${host}\`, the provided database credentials for \`${user}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${host}\`.`,
      { database_user: user, database_host: host },
    )
  }
  if (kind === 'DatabaseAccessDenied' || code === '28000') {
    return known('P1010', `User \`${user}\` was denied access on the database \`${database}\``, {
      database_user: user,
      database_name: database,
    })
  }
  if (
    kind === 'TlsConnectionError' ||
    (typeof code === 'string' && TLS_CODES.test(code)) ||
    /SSL|TLS/.test(message)
  ) {
    return known('P1011', `Error opening a TLS connection: ${message}`, { message })
  }
  if (
    kind === 'ConnectionClosed' ||
    code === 'ECONNRESET' ||
    /Connection terminated unexpectedly/.test(message)
  ) {
    return known('P1017', 'Server has closed the connection.', {})
  }
  return undefined
}

/** An error the bridge itself raises, already in user-facing form. */
export class UserFacingError extends Error {
  override name = 'UserFacingError'
  readonly known: KnownError
  constructor(known: KnownError) {
    super(`${known.code}: ${known.message}`)
    this.known = known
  }
}
