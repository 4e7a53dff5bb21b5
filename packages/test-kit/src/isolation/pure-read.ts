// Which statements leave the database as they found it, so the savepoint a statement runs under
// still marks the current state after it and need not be opened again (savepoint-adapter.ts). A
// read that cannot be told apart from a write counts as a write: the cost of a wrong "write" is
// one round trip, of a wrong "read" an undone write.

/** Functions and keywords followed by `(` in the reads Prisma generates, none of which writes. */
const PURE = new Set(
  [
    'select',
    'from',
    'join',
    'on',
    'in',
    'as',
    'and',
    'or',
    'not',
    'exists',
    'where',
    'lateral',
    'any',
    'all',
    'values',
    'over',
    'filter',
    'using',
    'count',
    'sum',
    'avg',
    'min',
    'max',
    'coalesce',
    'nullif',
    'greatest',
    'least',
    'lower',
    'upper',
    'length',
    'concat',
    'cast',
    'array',
    'array_agg',
    'array_remove',
    'array_length',
    'unnest',
    'row_number',
    'jsonb_build_object',
    'jsonb_build_array',
    'jsonb_agg',
    'json_build_object',
    'json_build_array',
    'json_agg',
    'to_jsonb',
    'to_json',
    'row_to_json',
    'jsonb_extract_path',
    'jsonb_extract_path_text',
    'jsonb_array_length',
    'jsonb_typeof',
    'round',
    'abs',
    'floor',
    'ceil',
    'now',
    'current_timestamp',
    'date_trunc',
    'extract',
    'position',
    'strpos',
    'substring',
    'replace',
    'trim',
    'bool_and',
    'bool_or',
    'string_agg',
    'distinct',
  ].map((name) => name),
)

const CALL = /("?)([A-Za-z_][A-Za-z0-9_$]*)\1\s*\(/g
const LOCKING = /\bFOR\s+(?:NO\s+KEY\s+UPDATE|UPDATE|KEY\s+SHARE|SHARE)\b/i

/** Whether `sql` is one SELECT that only reads: no locking clause, no function outside PURE. */
export function isPureRead(sql: string): boolean {
  const text = sql.trim().replace(/;\s*$/, '')
  if (!/^select\b/i.test(text) || text.includes(';') || LOCKING.test(text)) return false
  for (const [, quote, name] of text.matchAll(CALL)) {
    // A quoted name before `(` is a function named by the app (or a schema-qualified one): unknown.
    if (quote || !PURE.has((name ?? '').toLowerCase())) return false
  }
  return true
}
