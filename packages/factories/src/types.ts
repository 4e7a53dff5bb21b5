// Types derived from a generated data model: model keys (`contentItem` for `ContentItem`), row
// types from the generated client's TypeMap, belongs-to relations and enum traits from the
// model's fields. Nothing here names a model.
import type { DataModel } from './data-model.ts'

type TypeMapOf<DM> = DM extends { $types: infer T } ? T : never
type ModelNames<DM extends DataModel> = keyof DM['models'] & string

/** `contentItem` for `ContentItem`: the key of a model on the client and on the factories. */
export type ModelKey<DM extends DataModel> = Uncapitalize<ModelNames<DM>>

/** The model's name (`ContentItem`) for its key (`contentItem`). */
type ModelNameOf<DM extends DataModel, K extends string> = {
  [N in ModelNames<DM>]: Uncapitalize<N> extends K ? N : never
}[ModelNames<DM>]

/** The row type of a model, as the generated client returns it (its payload's scalars). */
export type RowOf<DM extends DataModel, K extends string> =
  TypeMapOf<DM> extends { model: infer Models }
    ? ModelNameOf<DM, K> extends keyof Models
      ? Models[ModelNameOf<DM, K>] extends { payload: { scalars: infer R } }
        ? { [F in keyof R]: R[F] }
        : never
      : never
    : Record<string, unknown>

type FieldsOf<DM extends DataModel, K extends string> = DM['models'][ModelNameOf<DM, K>] extends {
  fields: readonly (infer F)[]
}
  ? F
  : never

type BelongsToFields<DM extends DataModel, K extends string> = Extract<
  FieldsOf<DM, K>,
  { kind: 'object'; fromFields: readonly [string, ...string[]] }
>

/** Belongs-to relations an override may give as a row instead of its key (`{ user }` for `{ userId }`). */
export type RelationsOf<DM extends DataModel, K extends string> = {
  [F in BelongsToFields<DM, K> as F extends { name: infer N extends string } ? N : never]: F extends {
    type: infer T extends string
    isRequired: infer R
  }
    ? RowOf<DM, Uncapitalize<T>> | (R extends true ? never : null)
    : never
}

type EnumFields<DM extends DataModel, K extends string> = Extract<FieldsOf<DM, K>, { kind: 'enum' }>

/** One trait per value of every enum column of the model, in lower case (`.with('admin')`). */
export type EnumTraitsOf<DM extends DataModel, K extends string> =
  EnumFields<DM, K> extends infer F
    ? F extends { type: infer E extends keyof DM['enums'] }
      ? Lowercase<DM['enums'][E][number] & string>
      : never
    : never

/** What `build`/`create` accept: columns, belongs-to relations as rows, transient params; all optional. */
export type OverridesOf<DM extends DataModel, K extends string, T = unknown> = Partial<RowOf<DM, K>> &
  Partial<RelationsOf<DM, K>> &
  Partial<T>
