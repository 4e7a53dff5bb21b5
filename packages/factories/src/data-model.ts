// The slice of Prisma's DMMF the factories need, as `tenantkit-data-model` writes it next to the
// generated client (`generated/data-model.ts`): models with their table and column names, field
// kinds and defaults, primary and unique keys, belongs-to relations, and enum values. Plain data,
// so reading it at test time costs nothing.

/** A field's `@default`, reduced to what the factories can honour. */
export type FieldDefault =
  | { readonly kind: 'uuid' | 'cuid' | 'ulid' | 'nanoid' | 'now' | 'autoincrement' | 'dbgenerated' }
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'other'; readonly name: string }

export type ScalarFieldMeta = {
  readonly name: string
  readonly kind: 'scalar' | 'enum'
  /** String, Int, BigInt, Float, Decimal, Boolean, DateTime, Json, Bytes, or the enum's name. */
  readonly type: string
  /** The column (`@map`), or the field's name. */
  readonly dbName: string
  readonly isRequired: boolean
  readonly isList: boolean
  readonly isId: boolean
  readonly isUnique: boolean
  readonly isUpdatedAt: boolean
  readonly default?: FieldDefault
  /** `@db.*`, e.g. ['Decimal', ['10', '2']] or ['Real', []]. */
  readonly nativeType?: readonly [string, readonly string[]]
}

export type RelationFieldMeta = {
  readonly name: string
  readonly kind: 'object'
  /** The related model's name. */
  readonly type: string
  readonly isRequired: boolean
  readonly isList: boolean
  readonly relationName: string
  /** This model's foreign-key fields: non-empty on the belongs-to side only. */
  readonly fromFields: readonly string[]
  /** The related model's fields they reference. */
  readonly toFields: readonly string[]
}

export type FieldMeta = ScalarFieldMeta | RelationFieldMeta

export type ModelMeta = {
  readonly name: string
  /** The table (`@@map`), or the model's name. */
  readonly dbName: string
  readonly fields: readonly FieldMeta[]
  /** The primary key's fields (`@id` or `@@id`). */
  readonly primaryKey: readonly string[]
  /** Every `@unique` and `@@unique`, as field lists. */
  readonly uniqueIndexes: readonly (readonly string[])[]
}

export type DataModel = {
  readonly models: { readonly [name: string]: ModelMeta }
  readonly enums: { readonly [name: string]: readonly string[] }
  /** The values of an enum that `@map` renames: their names in the database. */
  readonly enumDbValues?: { readonly [name: string]: { readonly [value: string]: string } }
  /** Phantom: the generated client's `Prisma.TypeMap`, so row types come from the client. */
  readonly $types?: unknown
}

export const isRelation = (field: FieldMeta): field is RelationFieldMeta => field.kind === 'object'
export const isScalar = (field: FieldMeta): field is ScalarFieldMeta => field.kind !== 'object'
