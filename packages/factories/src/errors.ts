// The factories' errors: each an exported class with a stable `code`, its message naming what to
// change. The catalogue, with what to do for each: docs/errors.md.

/** A factory was called with something it cannot make (unknown column, trait, relation…). */
export class FactoryUsageError extends Error {
  override name = 'FactoryUsageError'
  readonly code: string = 'TK_FACTORY_USAGE'
}

/** Rows planned in one call repeat the values of a unique index (columns that only get a constant default). */
export class UniqueCollisionError extends Error {
  override name = 'UniqueCollisionError'
  readonly code = 'TK_UNIQUE_COLLISION'
}

/** One graph would span two tenants (a row of one organization pointing into another). */
export class TenantMixError extends Error {
  override name = 'TenantMixError'
  readonly code = 'TK_TENANT_MIX'
}

/** The data model cannot be planned as it is (a required relation cycle, an unsupported field). */
export class DataModelError extends Error {
  override name = 'DataModelError'
  readonly code = 'TK_DATA_MODEL'
}

/** The `tenantkit-data-model` generator cannot run as configured in schema.prisma. */
export class DataModelGeneratorError extends Error {
  override name = 'DataModelGeneratorError'
  readonly code = 'TK_DATA_MODEL_GENERATOR'
}

/** TEST_SEED (or a seed option) is not a seed. */
export class SeedError extends Error {
  override name = 'SeedError'
  readonly code = 'TK_SEED'
}

/** A sequence namespace that cannot go into unique columns. */
export class SequenceNamespaceError extends Error {
  override name = 'SequenceNamespaceError'
  readonly code = 'TK_SEQUENCE_NAMESPACE'
}
