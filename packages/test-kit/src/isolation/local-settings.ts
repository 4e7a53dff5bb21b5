// Transaction-local settings (`SET LOCAL`, `set_config(…, true)`) end with their transaction in
// production. Here a transaction is a savepoint, and RELEASE SAVEPOINT keeps them for the rest of
// the test, so the adapter puts them back itself. PostgreSQL cannot list what a transaction set
// locally (custom settings such as `app.tenant_id` are not even in pg_settings, and reading all of
// pg_settings costs ~2 ms), so settings are tracked by name: every name the code's SQL sets or
// reads literally, and every name the schema's functions, policies and column defaults use.
import type pg from 'pg'

/** How a piece of SQL uses a setting: sets it for the transaction, for the session, or reads it. */
type SettingUse = 'local' | 'session' | 'read'
export type SettingUses = Map<string, SettingUse>

const NAME = String.raw`[A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)*`
const NAME_ARG = String.raw`(?:'(${NAME})'|\$(\d+))(?:::\w+)?`
const SET_CONFIG = new RegExp(String.raw`\bset_config\s*\(\s*${NAME_ARG}`, 'gi')
// The is_local argument: the first `, <boolean>)` after the name (good enough for real calls).
const IS_LOCAL = /,\s*(true|false|'t'|'f'|'true'|'false'|\$(\d+))(?:::\w+)?\s*\)/i
const CURRENT_SETTING = new RegExp(String.raw`\bcurrent_setting\s*\(\s*${NAME_ARG}`, 'gi')
// SET / RESET commands: at the start of a statement (or line, or PL/pgSQL block), never the SET of
// an UPDATE; SET LOCAL / SET SESSION anywhere.
const SET_COMMAND = new RegExp(
  String.raw`(?:^|[;\n]|\bBEGIN\b|\bTHEN\b|\bELSE\b|\bLOOP\b)\s*(SET|RESET)\s+(?:(LOCAL|SESSION)\s+)?(TIME\s+ZONE|SESSION\s+AUTHORIZATION|${NAME})` +
    String.raw`|\bSET\s+(LOCAL|SESSION)\s+(TIME\s+ZONE|SESSION\s+AUTHORIZATION|${NAME})`,
  'gi',
)
const MAY_USE_SETTINGS = /set_config|current_setting|(?:^|[;\n])\s*(?:re)?set\s|\bset\s+(?:local|session)\s/i
const SPECIAL_NAMES: Record<string, string | null> = {
  'time zone': 'timezone',
  schema: 'search_path',
  names: 'client_encoding',
  'session authorization': 'session_authorization',
  authorization: 'session_authorization',
  // Not settings: SET TRANSACTION …, SET CONSTRAINTS …, SET SESSION CHARACTERISTICS …
  transaction: null,
  constraints: null,
  characteristics: null,
}
/** RESET ALL: every tracked setting goes back to its default, at session level. */
const ALL = '*'

/**
 * The settings `sql` sets or reads, and how; `$n` names and flags are looked up in `args`.
 * @example settingsUsedBy("SELECT set_config('app.tenant_id', $1, true)", ['t1']) // Map { 'app.tenant_id' => 'local' }
 */
export function settingsUsedBy(sql: string, args: readonly unknown[] = []): SettingUses {
  const uses: SettingUses = new Map()
  if (!MAY_USE_SETTINGS.test(sql)) return uses
  const note = (name: string | null | undefined, use: SettingUse) => {
    if (!name) return
    const key = name.toLowerCase().replace(/\s+/g, ' ')
    const mapped = key in SPECIAL_NAMES ? SPECIAL_NAMES[key] : key
    if (mapped === null || mapped === undefined) return
    if (use === 'read' && uses.has(mapped)) return
    uses.set(mapped, use)
  }
  const argName = (literal: string | undefined, param: string | undefined) =>
    literal ?? (typeof args[Number(param) - 1] === 'string' ? (args[Number(param) - 1] as string) : undefined)
  for (const match of sql.matchAll(SET_CONFIG)) {
    const isLocal = IS_LOCAL.exec(sql.slice((match.index ?? 0) + match[0].length))
    note(argName(match[1], match[2]), isLocalFlag(isLocal, args) ? 'local' : 'session')
  }
  for (const match of sql.matchAll(CURRENT_SETTING)) note(argName(match[1], match[2]), 'read')
  for (const match of sql.matchAll(SET_COMMAND)) {
    const [, command, scope, name, bodyScope, bodyName] = match
    if (bodyName) note(bodyName, bodyScope?.toUpperCase() === 'LOCAL' ? 'local' : 'session')
    else if (command?.toUpperCase() === 'RESET' && name?.toUpperCase() === 'ALL') note(ALL, 'session')
    else
      note(name, command?.toUpperCase() === 'SET' && scope?.toUpperCase() === 'LOCAL' ? 'local' : 'session')
  }
  return uses
}

/** A flag we cannot read counts as local: the pattern row-level security uses, and the safe side. */
function isLocalFlag(match: RegExpExecArray | null, args: readonly unknown[]): boolean {
  if (!match) return true
  const value = match[2] ? args[Number(match[2]) - 1] : match[1]?.replaceAll("'", '').toLowerCase()
  return !(value === false || value === 'false' || value === 'f')
}

// Where the schema names settings: function bodies, row-level security policies, column defaults.
const SCHEMA_SOURCES = String.raw`
  SELECT source FROM (
    SELECT p.prosrc AS source FROM pg_catalog.pg_proc p
      JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
    UNION ALL SELECT pg_catalog.pg_get_expr(polqual, polrelid) FROM pg_catalog.pg_policy
    UNION ALL SELECT pg_catalog.pg_get_expr(polwithcheck, polrelid) FROM pg_catalog.pg_policy
    UNION ALL SELECT pg_catalog.pg_get_expr(adbin, adrelid) FROM pg_catalog.pg_attrdef
  ) sources WHERE source ~* '(set_config|current_setting|set\s+(local|session))'`

const PRECEDENCE: Record<SettingUse, number> = { read: 0, session: 1, local: 2 }

/** Merges `uses` into `into`: a setting set locally anywhere counts as local (see isLocalFlag). */
function mergeUses(into: SettingUses, uses: SettingUses): void {
  for (const [name, use] of uses) {
    const known = into.get(name)
    if (name !== ALL && (!known || PRECEDENCE[use] > PRECEDENCE[known])) into.set(name, use)
  }
}

/**
 * The settings the database's own code names, each with how it sets them: `local` if any place
 * sets it locally, `session` if every place that sets it does so for the session.
 */
export async function schemaSettingUses(client: pg.ClientBase): Promise<SettingUses> {
  const { rows } = await client.query<{ source: string }>(SCHEMA_SOURCES)
  const uses: SettingUses = new Map()
  for (const { source } of rows) mergeUses(uses, settingsUsedBy(source))
  return uses
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`

/**
 * One test connection's settings outside any transaction ("at rest"), kept equal to what
 * production would have after each statement and transaction of the code under test.
 */
export class SettingsTracker {
  readonly #client: pg.ClientBase
  readonly #schema: () => Promise<SettingUses>
  /** The value at rest of every tracked name (null: never defined on this connection). */
  readonly #rest = new Map<string, string | null>()
  /**
   * How each name is set where the code defines it: the schema's functions, and any SQL the test
   * sent (a CREATE FUNCTION, say), for a change no statement of the unit explains.
   */
  readonly #definedUses: SettingUses = new Map()
  #ready: Promise<void> | undefined

  constructor(client: pg.ClientBase, schema: () => Promise<SettingUses>) {
    this.#client = client
    this.#schema = schema
  }

  /** Before the first unit of work: learns the schema's names and their values at rest. */
  ready(): Promise<void> {
    this.#ready ??= (async () => {
      const schema = await this.#schema()
      mergeUses(this.#definedUses, schema)
      await this.#learn([...schema.keys()])
    })()
    return this.#ready
  }

  /**
   * Before a statement of a unit (a transaction, or a statement outside any) runs: records in
   * `unit` how it uses settings, and learns the value at rest of names seen for the first time.
   */
  /** Whether no setting is tracked: nothing can need putting back after a statement. */
  idle(): boolean {
    return this.#rest.size === 0
  }

  async note(sql: string, args: readonly unknown[], unit: SettingUses): Promise<void> {
    const uses = settingsUsedBy(sql, args)
    if (uses.size === 0) return
    if (uses.delete(ALL)) for (const name of this.#rest.keys()) unit.set(name, 'session')
    await this.#learn([...uses.keys()].filter((name) => !this.#rest.has(name)))
    mergeUses(this.#definedUses, uses)
    for (const [name, use] of uses) if (use !== 'read' || !unit.has(name)) unit.set(name, use)
  }

  /**
   * Releases the unit's savepoint (throws what RELEASE throws), then puts back every tracked
   * setting the unit changed locally, and keeps what it set for the session. With `reopen`, opens
   * a savepoint (of the same name, or the one named) in the same round trip, and resolves to whether
   * it is open (settings put back close it again: they must not be undone by a later ROLLBACK TO).
   */
  async release(
    savepoint: string,
    unit: SettingUses,
    { reopen = false }: { reopen?: boolean | string } = {},
  ): Promise<boolean> {
    const names = [...this.#rest.keys()]
    const opened = reopen === false ? undefined : reopen === true ? savepoint : reopen
    const next = opened === undefined ? '' : `; SAVEPOINT ${opened}`
    if (names.length === 0) {
      await this.#client.query(`RELEASE SAVEPOINT ${savepoint}${next}`)
      return opened !== undefined
    }
    const results = (await this.#client.query({
      text: `RELEASE SAVEPOINT ${savepoint}; SELECT ${names.map((n) => `current_setting(${literal(n)}, true)`).join(', ')}${next}`,
      rowMode: 'array',
    })) as unknown as pg.QueryResult<(string | null)[]>[]
    const values = results[1]?.rows[0] ?? []
    const restore: [string, string][] = []
    names.forEach((name, i) => {
      const value = values[i] ?? null
      const rest = this.#rest.get(name) ?? null
      if (value === rest) return
      // How the unit set it; else how the code that sets it does; else local (see isLocalFlag).
      const use = [unit.get(name), this.#definedUses.get(name)].find((u) => u && u !== 'read') ?? 'local'
      if (use === 'session' || value === (rest ?? '')) {
        this.#rest.set(name, value)
      } else {
        // A placeholder, once defined, cannot be undefined again: after COMMIT it reads ''.
        restore.push([name, rest ?? ''])
        this.#rest.set(name, rest ?? '')
      }
    })
    if (restore.length === 0) return opened !== undefined
    if (opened !== undefined) await this.#client.query(`RELEASE SAVEPOINT ${opened}`)
    await this.#client.query(
      'SELECT set_config(name, value, false) FROM unnest($1::text[], $2::text[]) AS s(name, value)',
      [restore.map(([name]) => name), restore.map(([, value]) => value)],
    )
    return false
  }

  async #learn(names: string[]): Promise<void> {
    if (names.length === 0) return
    const { rows } = await this.#client.query<(string | null)[]>({
      text: `SELECT ${names.map((n) => `current_setting(${literal(n)}, true)`).join(', ')}`,
      rowMode: 'array',
    })
    names.forEach((name, i) => {
      this.#rest.set(name, rows[0]?.[i] ?? null)
    })
  }
}
