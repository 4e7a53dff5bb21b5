// Inserting a planned graph: each model's rows in dependency order and in chunks, so 1 owner +
// 200 members + 1,000 items is a handful of INSERTs. Tables and columns come from the data model
// (`@@map`/`@map`), never from a naming convention. Two ways:
// - 'sql' (default): one `INSERT … SELECT … FROM json_populate_recordset($n) RETURNING …` per
//   chunk, and the whole graph in ONE statement (the INSERTs as data-modifying CTEs, their rows
//   back through one UNION ALL), so a tenant with its owner costs one round trip, not one per
//   table. Prisma 7 spends ~0.2 ms of CPU per row compiling a createMany; this path skips that.
//   The rows come back from the database (RETURNING), so every type round-trips exactly as
//   stored, matched to the plan by primary key (or unique key). Foreign keys are checked at the end of the
//   statement, so parents and children may sit in sibling CTEs; triggers that read a sibling
//   table would not see its new rows (use 'createManyAndReturn' for such a schema).
// - 'createManyAndReturn': Prisma's typed bulk insert (Prisma query extensions see it), one
//   statement per model and chunk in one batch transaction.
import { DbNull, JsonNull } from '@prisma/client/runtime/client'
import type { ScalarFieldMeta } from './data-model.ts'
import type { FactoryClient } from './define.ts'
import { FactoryUsageError, UniqueCollisionError } from './errors.ts'
import type { Plan, Row } from './graph.ts'
import type { ModelInfo, SchemaInfo } from './schema-info.ts'

export type InsertStrategy = 'sql' | 'createManyAndReturn'

/** Rows per INSERT. PostgreSQL allows 65,535 bind parameters; the SQL path sends one per chunk. */
export const DEFAULT_CHUNK_SIZE = 1000

type PrismaPromiseLike = PromiseLike<unknown>
type Delegate = { createManyAndReturn(args: { data: object[] }): PrismaPromiseLike }
/** One chunk of one model's rows: one INSERT. */
type Chunk = { model: ModelInfo; rows: Row[] }
type Batchable = { $transaction(statements: PrismaPromiseLike[]): Promise<unknown[]> }

export type InsertOptions = { strategy?: InsertStrategy; chunkSize?: number; seed?: number }

/** Inserts the planned rows; returns each planned row's stored row. */
export async function insertPlans(
  db: FactoryClient,
  plans: readonly Plan[],
  schema: SchemaInfo,
  options: InsertOptions = {},
): Promise<Map<Row, Row>> {
  const { strategy = 'sql', chunkSize = DEFAULT_CHUNK_SIZE } = options
  const rowsByModel = groupByModel(plans)
  rejectUniqueCollisions(rowsByModel, schema)
  await reserveGeneratedKeys(db, plans, schema)
  const chunks: Chunk[] = []
  for (const key of schema.insertOrder) {
    const model = schema.models.get(key) as ModelInfo
    const rows = rowsByModel.get(key) ?? []
    for (let start = 0; start < rows.length; start += chunkSize) {
      chunks.push({ model, rows: rows.slice(start, start + chunkSize) })
    }
  }
  let results: Row[][]
  try {
    results = await sendChunks(db, chunks, strategy)
  } catch (error) {
    throw explainInsertError(error, options.seed)
  }
  return matchStored(chunks, results, strategy)
}

/** Each chunk's stored rows, in as few statements as the strategy allows. */
async function sendChunks(
  db: FactoryClient,
  chunks: readonly Chunk[],
  strategy: InsertStrategy,
): Promise<Row[][]> {
  const graph = strategy === 'sql' && chunks.length > 1 ? graphStatement(chunks) : undefined
  if (graph) return graph.split((await db.$queryRawUnsafe(graph.sql, ...graph.values)) as Row[])
  const statements = chunks.map((chunk) =>
    strategy === 'sql' ? sqlInsert(db, chunk.model, chunk.rows) : prismaInsert(db, chunk.model, chunk.rows),
  )
  if (statements.length > 1 && '$transaction' in db) {
    // A batch transaction: all or nothing, and in the test kit's transaction mode one savepoint
    // instead of one per statement.
    return (await (db as unknown as Batchable).$transaction(statements)) as Row[][]
  }
  const results: Row[][] = []
  for (const statement of statements) results.push((await statement) as Row[])
  return results
}

/** Each planned row's stored row: by position for createManyAndReturn, by primary key for SQL. */
function matchStored(
  chunks: readonly Chunk[],
  results: readonly Row[][],
  strategy: InsertStrategy,
): Map<Row, Row> {
  const stored = new Map<Row, Row>()
  chunks.forEach((chunk, i) => {
    const returned = results[i] ?? []
    if (strategy === 'createManyAndReturn') {
      for (const [j, row] of chunk.rows.entries()) stored.set(row, returned[j] as Row)
      return
    }
    // RETURNING promises no order: match by primary key (or the unique key of a model without one).
    const byKey = new Map(returned.map((raw) => [identityOf(chunk.model, raw, true), raw]))
    for (const row of chunk.rows) {
      const raw = byKey.get(identityOf(chunk.model, row, false))
      stored.set(row, raw ? fromColumns(chunk.model, raw) : row)
    }
  })
  return stored
}

/** The planned rows of each model (its key), in plan order. */
function groupByModel(plans: readonly Plan[]): Map<string, Row[]> {
  const rowsByModel = new Map<string, Row[]>()
  for (const plan of plans) {
    const rows = rowsByModel.get(plan.model)
    if (rows) rows.push(plan.row)
    else rowsByModel.set(plan.model, [plan.row])
  }
  return rowsByModel
}

/**
 * Rows of one call that repeat a unique index's values would fail as one bare constraint error:
 * say which model, index and columns, and what to vary. (NULLs never collide, as in PostgreSQL;
 * placeholder keys are new for every row.)
 */
function rejectUniqueCollisions(rowsByModel: ReadonlyMap<string, Row[]>, schema: SchemaInfo): void {
  for (const [key, rows] of rowsByModel) {
    const model = schema.models.get(key)
    if (!model || rows.length < 2) continue
    for (const index of [model.meta.primaryKey, ...model.meta.uniqueIndexes]) {
      if (index.length === 0) continue
      const seen = new Set<string>()
      for (const row of rows) {
        const values = index.map((name) => row[name])
        if (values.some((value) => value === null || value === undefined || isPlaceholder(value))) continue
        const tuple = values.map(keyPart).join('\0')
        if (!seen.has(tuple)) {
          seen.add(tuple)
          continue
        }
        const columns = index.map((name) => model.scalarByName.get(name)?.dbName ?? name)
        const constraint =
          index === model.meta.primaryKey ? `${model.table}_pkey` : `${model.table}_${columns.join('_')}_key`
        const shown = values.map((value) => JSON.stringify(typeof value === 'bigint' ? String(value) : value))
        throw new UniqueCollisionError(
          `${model.name}: two rows of one call have (${index.join(', ')}) = (${shown.join(', ')}), and the unique constraint ${constraint} allows it once. Those columns get the same value for every row (their @default, or a value nothing varies). Vary one per row, e.g. createList(n, (i) => ({ ${index[index.length - 1]}: … })), or give it a default that varies in schema.prisma.`,
        )
      }
    }
  }
}

/**
 * `@default(autoincrement())` keys are planned as negative placeholders (children point at them);
 * here they get real values from the column's sequence, and every planned key column pointing at
 * one follows.
 */
async function reserveGeneratedKeys(db: FactoryClient, plans: readonly Plan[], schema: SchemaInfo) {
  const remaps = new Map<string, Map<unknown, unknown>>()
  for (const model of schema.models.values()) {
    for (const field of model.scalars) {
      if (field.default?.kind !== 'autoincrement') continue
      const rows = plans
        .filter((p) => p.model === model.key && isPlaceholder(p.row[field.name]))
        .map((p) => p.row)
      if (rows.length === 0) continue
      const values = await db.$queryRawUnsafe<{ v: bigint | number }[]>(
        `SELECT nextval(pg_get_serial_sequence($1, $2)) AS v FROM generate_series(1, $3::int)`,
        quote(model.table),
        field.dbName,
        rows.length,
      )
      const remap = new Map<unknown, unknown>()
      rows.forEach((row, i) => {
        const next = values[i]?.v as bigint | number
        const value = field.type === 'BigInt' ? BigInt(next) : Number(next)
        remap.set(row[field.name], value)
        row[field.name] = value
      })
      remaps.set(`${model.key}.${field.name}`, remap)
    }
  }
  if (remaps.size === 0) return
  for (const plan of plans) {
    const model = schema.models.get(plan.model) as ModelInfo
    for (const relation of model.belongsTo) {
      relation.fields.forEach((field, i) => {
        const remap = remaps.get(`${relation.target}.${relation.toFields[i]}`)
        if (remap?.has(plan.row[field])) plan.row[field] = remap.get(plan.row[field])
      })
    }
  }
}

const isPlaceholder = (value: unknown) =>
  (typeof value === 'number' || typeof value === 'bigint') && value < 0

function prismaInsert(db: FactoryClient, model: ModelInfo, rows: Row[]) {
  const delegate = (db as unknown as Record<string, Delegate>)[model.key]
  if (!delegate)
    throw new FactoryUsageError(
      `The client has no model "${model.key}". Pass the client generated from the schema whose data model the factories were defined with (createKit({ client, factories }) must name the same schema).`,
    )
  const data = rows.map((row) => {
    const input: Row = {}
    for (const field of model.scalars) {
      const value = row[field.name]
      if (value === undefined) continue
      // A JSON column's null is JSON null when the column is required, SQL NULL otherwise.
      input[field.name] =
        field.type === 'Json' && value === null ? (field.isRequired ? JsonNull : DbNull) : value
    }
    return input
  })
  return delegate.createManyAndReturn({ data })
}

type SqlStatement = { sql: string; columns: ScalarFieldMeta[] }
const statementCache = new WeakMap<ModelInfo, Map<string, SqlStatement>>()

/** The INSERT … SELECT … FROM json_populate_recordset(…) of one chunk, and its JSON parameter. */
function chunkInsert(model: ModelInfo, rows: Row[], param: number): { sql: string; json: string } {
  // Columns every row leaves undefined (database-generated values) are left to the database.
  const columns = model.scalars.filter((field) => rows.some((row) => row[field.name] !== undefined))
  const id = `${param}:${columns.map((c) => c.name).join(',')}`
  let byColumns = statementCache.get(model)
  if (!byColumns) {
    byColumns = new Map()
    statementCache.set(model, byColumns)
  }
  let statement = byColumns.get(id)
  if (!statement) {
    const table = quote(model.table)
    const select = columns.map((field) => {
      const column = `r.${quote(field.dbName)}`
      // json_populate_recordset reads a JSON null as SQL NULL; in a NOT NULL column it can only be JSON null.
      if (field.type === 'Json' && field.isRequired && !field.isList) {
        return `COALESCE(${column}, 'null'::${field.nativeType?.[0] === 'Json' ? 'json' : 'jsonb'})`
      }
      return column
    })
    const returning = model.scalars
      .map(
        (field) => (readAs(field) ? `${quote(field.dbName)}${readAs(field)} AS ` : '') + quote(field.dbName),
      )
      .join(', ')
    statement = {
      sql: `INSERT INTO ${table} (${columns.map((f) => quote(f.dbName)).join(', ')}) SELECT ${select.join(', ')} FROM json_populate_recordset(NULL::${table}, $${param}::json) AS r RETURNING ${returning}`,
      columns,
    }
    byColumns.set(id, statement)
  }
  const { columns: used } = statement
  const records = rows.map((row) => {
    const record: Row = {}
    for (const field of used) record[field.dbName] = toJsonValue(model, field, row[field.name])
    return record
  })
  return { sql: statement.sql, json: JSON.stringify(records) }
}

function sqlInsert(db: FactoryClient, model: ModelInfo, rows: Row[]) {
  const { sql, json } = chunkInsert(model, rows, 1)
  return db.$queryRawUnsafe(sql, json)
}

/** PostgreSQL allows 1,664 columns in a SELECT list; a graph wider than this goes table by table. */
const MAX_GRAPH_COLUMNS = 1200
const PART = 'tk_part'

/**
 * The whole graph as one statement: each chunk's INSERT a data-modifying CTE, and their rows back
 * through one UNION ALL whose columns are every model's columns side by side (`c0`, `c1`…), a
 * chunk's row filling its model's and typed NULLs the others, so Prisma converts every value by
 * its column type exactly as for a single INSERT. `tk_part` says which chunk a row came from.
 */
function graphStatement(
  chunks: readonly Chunk[],
): { sql: string; values: string[]; split(rows: Row[]): Row[][] } | undefined {
  const slots = new Map<ModelInfo, number>()
  let width = 0
  for (const { model } of chunks) {
    if (slots.has(model)) continue
    slots.set(model, width)
    width += model.scalars.length
  }
  if (width > MAX_GRAPH_COLUMNS) return undefined
  const models = [...slots.keys()]
  const values: string[] = []
  const ctes: string[] = []
  const branches: string[] = []
  chunks.forEach((chunk, part) => {
    const { sql, json } = chunkInsert(chunk.model, chunk.rows, part + 1)
    values.push(json)
    const cte = `tk_${part}`
    ctes.push(`${cte} AS (${sql})`)
    const columns = models.flatMap((model) =>
      model.scalars.map((field, i) => {
        const slot = `c${(slots.get(model) ?? 0) + i}`
        const value =
          model === chunk.model
            ? `${cte}.${quote(field.dbName)}`
            : `(NULL::${quote(model.table)}).${quote(field.dbName)}${readAs(field)}`
        return `${value} AS ${slot}`
      }),
    )
    branches.push(`SELECT ${part} AS ${PART}, ${columns.join(', ')} FROM ${cte}`)
  })
  return {
    sql: `WITH ${ctes.join(', ')} ${branches.join(' UNION ALL ')}`,
    values,
    split(rows) {
      const results: Row[][] = chunks.map(() => [])
      for (const row of rows) {
        const part = Number(row[PART])
        const chunk = chunks[part]
        if (!chunk) continue
        const start = slots.get(chunk.model) ?? 0
        const raw: Row = {}
        chunk.model.scalars.forEach((field, i) => {
          raw[field.dbName] = row[`c${start + i}`]
        })
        results[part]?.push(raw)
      }
      return results
    },
  }
}

/** A field's value as PostgreSQL reads it from JSON: what Prisma would send for it. */
function toJsonValue(model: ModelInfo, field: ScalarFieldMeta, value: unknown): unknown {
  if (value === null || value === undefined) return null
  const scalar = (v: unknown) =>
    toJsonScalar(field, model.enumColumns.get(field.name)?.toDb.get(v as string) ?? v)
  return field.isList && Array.isArray(value) ? value.map(scalar) : scalar(value)
}

function toJsonScalar(field: ScalarFieldMeta, value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (field.type === 'Json') return value
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`
  // A time column takes the time of day (UTC, as Prisma sends it), not a whole timestamp.
  if (value instanceof Date && isTimeOfDay(field)) {
    return `${value.toISOString().slice(11, 23)}${field.nativeType?.[0] === 'Timetz' ? '+00' : ''}`
  }
  return value
}

/** A raw query cannot read a list of a schema's enum: such a column comes back as text[]. */
const readAs = (field: ScalarFieldMeta) => (field.kind === 'enum' && field.isList ? '::text[]' : '')

const isTimeOfDay = (field: ScalarFieldMeta) =>
  field.nativeType?.[0] === 'Time' || field.nativeType?.[0] === 'Timetz'

/** A raw row (column names) as the client's row (field names, enum values by their schema names). */
function fromColumns(model: ModelInfo, raw: Row): Row {
  const row: Row = {}
  for (const field of model.scalars) {
    const value = raw[field.dbName]
    const mapping = model.enumColumns.get(field.name)
    if (!mapping || value === null) row[field.name] = value
    else if (Array.isArray(value)) row[field.name] = value.map((v) => mapping.fromDb.get(v) ?? v)
    else row[field.name] = mapping.fromDb.get(value as string) ?? value
  }
  return row
}

function identityOf(model: ModelInfo, row: Row, raw: boolean): string {
  const names = raw ? keyColumns(model) : model.identity
  if (names.length === 1) return keyPart(row[names[0] as string])
  return names.map((name) => keyPart(row[name])).join('\0')
}

const keyPart = (value: unknown) =>
  typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : String(value)

const keyColumnCache = new WeakMap<ModelInfo, readonly string[]>()
/** The identity's column names (`@map`). */
function keyColumns(model: ModelInfo): readonly string[] {
  let columns = keyColumnCache.get(model)
  if (!columns) {
    columns = model.identity.map((name) => model.scalarByName.get(name)?.dbName ?? name)
    keyColumnCache.set(model, columns)
  }
  return columns
}

/**
 * Ids come from the seeded faker (so a replay has the same ids). Two sets of factories with one
 * seed therefore make the same ids: say so instead of a bare primary-key violation.
 */
function explainInsertError(error: unknown, seed: number | undefined): unknown {
  const text = `${(error as Error)?.message ?? ''} ${JSON.stringify((error as { meta?: unknown })?.meta ?? {})}`
  if (!/_pkey/.test(text) || !/P2002|P2010|23505|Unique constraint|duplicate key/i.test(text)) return error
  return new FactoryUsageError(
    `A factory row's id already exists in this database. Ids come from the faker seed (${seed}), so two sets of factories with the same seed make the same ids: give each its own seed (or leave it out for a random one), or empty the tables first.`,
    { cause: error },
  )
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`
