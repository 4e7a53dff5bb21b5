// What the planner needs to know about each model, read once from the data model: its columns,
// belongs-to relations, tenant column, primary key, unique columns, and the order in which
// tables are inserted (parents first, derived from the relation graph).
import { type DataModel, isRelation, isScalar, type ModelMeta, type ScalarFieldMeta } from './data-model.ts'
import { DataModelError } from './errors.ts'

type BelongsTo = {
  /** The relation field (`author`). */
  name: string
  /** The related model's key (`user`). */
  target: string
  /** This model's key columns (`authorId`) and the related model's columns they reference. */
  fields: readonly string[]
  toFields: readonly string[]
  required: boolean
}

export type ModelInfo = {
  key: string
  name: string
  table: string
  meta: ModelMeta
  /** Columns, in the schema's order (the order faker is drawn from: keep it stable for replays). */
  scalars: readonly ScalarFieldMeta[]
  scalarByName: ReadonlyMap<string, ScalarFieldMeta>
  belongsTo: readonly BelongsTo[]
  /** Belongs-to relation by relation field name. */
  relationByName: ReadonlyMap<string, BelongsTo>
  /** Belongs-to relation by each of its key columns. */
  relationByField: ReadonlyMap<string, BelongsTo>
  /**
   * The columns that tell its rows apart: the primary key, or for a model with none (Prisma allows
   * a `@unique` instead) its first unique index, preferring one of required columns.
   */
  identity: readonly string[]
  /** Columns that must not repeat: `@id`/`@unique` ones and one column of every `@@unique`. */
  uniqueFields: ReadonlySet<string>
  /** Enum columns whose values `@map` renames: each value's name in the database, and back. */
  enumColumns: ReadonlyMap<string, EnumMapping>
  /** The column that holds the tenant's key, when the model belongs to a tenant. */
  tenantColumn: string | undefined
  isTenant: boolean
}

type EnumMapping = { toDb: ReadonlyMap<string, string>; fromDb: ReadonlyMap<string, string> }

/** Names the tenant model and its key column: `{ model: 'organization', foreignKey: 'organizationId' }`. */
export type TenancyConfig = { model: string; foreignKey: string; label?: string }

export type SchemaInfo = {
  models: ReadonlyMap<string, ModelInfo>
  insertOrder: readonly string[]
  tenancy: (TenancyConfig & { label: string | undefined; key: string }) | undefined
}

/** Types whose values a factory varies per row (a literal default on a unique one is not kept). */
export const VARIABLE_TYPES: ReadonlySet<string> = new Set(['String', 'Int', 'BigInt'])

const modelKey = (name: string) => name.charAt(0).toLowerCase() + name.slice(1)

const cache = new WeakMap<DataModel, Map<string, SchemaInfo>>()

export function schemaInfo(dataModel: DataModel, tenancy?: TenancyConfig): SchemaInfo {
  const id = JSON.stringify(tenancy ?? null)
  let byTenancy = cache.get(dataModel)
  if (!byTenancy) {
    byTenancy = new Map()
    cache.set(dataModel, byTenancy)
  }
  let info = byTenancy.get(id)
  if (!info) {
    info = readSchema(dataModel, tenancy)
    byTenancy.set(id, info)
  }
  return info
}

function readSchema(dataModel: DataModel, tenancy: TenancyConfig | undefined): SchemaInfo {
  const keys = new Map(Object.keys(dataModel.models).map((name) => [name, modelKey(name)]))
  if (tenancy && ![...keys.values()].includes(tenancy.model)) {
    throw new DataModelError(
      `tenancy.model is "${tenancy.model}", but the schema has no such model. Use one of: ${[...keys.values()].join(', ')}.`,
    )
  }
  const tenantName = tenancy && [...keys].find(([, key]) => key === tenancy.model)?.[0]
  const tenantMeta = tenantName ? dataModel.models[tenantName] : undefined
  if (tenancy && tenantMeta && tenantMeta.primaryKey.length !== 1) {
    throw new DataModelError(
      `The tenant model ${tenantMeta.name} must have a single-column primary key. Give it one (@id) in schema.prisma, or point tenancy.model at another model.`,
    )
  }

  const enumMappings = new Map(
    Object.entries(dataModel.enumDbValues ?? {}).map(([name, values]): [string, EnumMapping] => {
      const pairs = Object.entries(values)
      return [name, { toDb: new Map(pairs), fromDb: new Map(pairs.map(([value, db]) => [db, value])) }]
    }),
  )
  const models = new Map<string, ModelInfo>()
  for (const [name, meta] of Object.entries(dataModel.models)) {
    const scalars = meta.fields.filter(isScalar)
    const belongsTo: BelongsTo[] = meta.fields.filter(isRelation).flatMap((field) =>
      field.fromFields.length === 0
        ? []
        : [
            {
              name: field.name,
              target: keys.get(field.type) ?? modelKey(field.type),
              fields: field.fromFields,
              toFields: field.toFields,
              // A required key column behind an optional relation field (`userId Int` with
              // `user User?`) needs its parent as much as a required relation does.
              required: field.isRequired || field.fromFields.some((name) => scalarRequired(scalars, name)),
            },
          ],
    )
    const relationByField = new Map<string, BelongsTo>()
    for (const relation of belongsTo)
      for (const field of relation.fields) relationByField.set(field, relation)
    const key = keys.get(name) as string
    let tenantColumn: string | undefined
    if (tenancy && key !== tenancy.model) {
      const relation = relationByField.get(tenancy.foreignKey)
      if (relation && relation.target === tenancy.model) tenantColumn = tenancy.foreignKey
    }
    models.set(key, {
      key,
      name,
      table: meta.dbName,
      meta,
      scalars,
      scalarByName: new Map(scalars.map((f) => [f.name, f])),
      belongsTo,
      relationByName: new Map(belongsTo.map((r) => [r.name, r])),
      relationByField,
      identity: identityOf(meta, scalars),
      enumColumns: new Map(
        scalars.flatMap((field) => {
          const mapping = field.kind === 'enum' ? enumMappings.get(field.type) : undefined
          return mapping ? [[field.name, mapping] as const] : []
        }),
      ),
      uniqueFields: uniqueFields(meta, scalars, relationByField),
      tenantColumn,
      isTenant: key === tenancy?.model,
    })
  }
  const label = tenancy?.label ?? firstUniqueString(tenantMeta)
  return {
    models,
    insertOrder: insertOrder(models),
    tenancy: tenancy && { ...tenancy, key: tenantMeta?.primaryKey[0] ?? 'id', label },
  }
}

const scalarRequired = (scalars: readonly ScalarFieldMeta[], name: string) =>
  scalars.some((field) => field.name === name && field.isRequired)

function identityOf(meta: ModelMeta, scalars: readonly ScalarFieldMeta[]): readonly string[] {
  if (meta.primaryKey.length > 0) return meta.primaryKey
  const required = meta.uniqueIndexes.find((index) => index.every((name) => scalarRequired(scalars, name)))
  const identity = required ?? meta.uniqueIndexes[0]
  if (!identity) {
    throw new DataModelError(
      `The model ${meta.name} has neither an @id nor a @unique: the factories cannot tell its rows apart. Give it one in schema.prisma (Prisma requires it too).`,
    )
  }
  return identity
}

function uniqueFields(
  meta: ModelMeta,
  scalars: readonly ScalarFieldMeta[],
  relationByField: ReadonlyMap<string, BelongsTo>,
): Set<string> {
  const unique = new Set<string>()
  const byName = new Map(scalars.map((f) => [f.name, f]))
  for (const index of [meta.primaryKey, ...meta.uniqueIndexes]) {
    // A key of planned parents is new for every row; otherwise make one free column unique.
    const free = index.filter((name) => !relationByField.has(name))
    if (free.length === 0) continue
    if (free.some((name) => unique.has(name))) continue
    const pick =
      free.find((name) => byName.get(name)?.type === 'String' && !byName.get(name)?.default) ??
      free.find((name) => !byName.get(name)?.default) ??
      free.find(
        (name) =>
          byName.get(name)?.default?.kind === 'literal' && VARIABLE_TYPES.has(byName.get(name)?.type ?? ''),
      ) ??
      free[0]
    if (pick) unique.add(pick)
  }
  return unique
}

function firstUniqueString(meta: ModelMeta | undefined): string | undefined {
  if (!meta) return undefined
  const unique = new Set(meta.uniqueIndexes.filter((i) => i.length === 1).map((i) => i[0]))
  return meta.fields.find((f) => isScalar(f) && f.type === 'String' && unique.has(f.name))?.name
}

/**
 * Parents before children. An optional (nullable) relation that closes a cycle is left out of the
 * order (its rows are planned with the key unset). A cycle of required relations cannot be planned
 * without input: its models still get a place here (the schema's other models keep working), and
 * planning one of them without that input fails naming the relation (Graph).
 */
function insertOrder(models: ReadonlyMap<string, ModelInfo>): string[] {
  const edges = (includeOptional: boolean) =>
    new Map(
      [...models.values()].map((m) => [
        m.key,
        new Set(
          m.belongsTo
            .filter((r) => r.target !== m.key && (includeOptional || r.required) && models.has(r.target))
            .map((r) => r.target),
        ),
      ]),
    )
  return (
    topologicalSort([...models.keys()], edges(true)) ??
    topologicalSort([...models.keys()], edges(false)) ??
    topologicalSort([...models.keys()], edges(false), true) ?? [...models.keys()]
  )
}

/** Kahn's order; with `force`, a cycle's first model goes next when nothing else can. */
function topologicalSort(
  nodes: string[],
  parents: Map<string, Set<string>>,
  force = false,
): string[] | undefined {
  const order: string[] = []
  const done = new Set<string>()
  let progress = true
  while (order.length < nodes.length && (progress || force)) {
    progress = false
    for (const node of nodes) {
      if (done.has(node)) continue
      if ([...(parents.get(node) ?? [])].every((p) => done.has(p))) {
        order.push(node)
        done.add(node)
        progress = true
      }
    }
    const stuck = !progress && nodes.find((node) => !done.has(node))
    if (force && stuck) {
      order.push(stuck)
      done.add(stuck)
    }
  }
  return order.length === nodes.length ? order : undefined
}
