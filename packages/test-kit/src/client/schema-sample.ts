// A value that a JSON schema accepts, for requests the kit sends on its own (the access walks):
// required properties only; a schema's own `examples`, `default`, `const` or first `enum` value
// first; formats and patterns honoured. Valid enough to get past validation to the handler.
import { randomUUID } from 'node:crypto'

/** Thrown when no sample can be built; the message names the field and the two ways out. */
export class SchemaSampleError extends Error {
  override name = 'SchemaSampleError'
  readonly code = 'TK_SCHEMA_SAMPLE'
}

type Schema = Record<string, unknown>

const DAY_MS = 86_400_000

/**
 * A value `schema` accepts; `path` names it in errors (`body`, `querystring`).
 * @example sampleFromSchema({ type: 'object', required: ['title'], properties: { title: { type: 'string' } } })
 * // → { title: 'example' }
 */
export function sampleFromSchema(schema: unknown, path: string): unknown {
  if (schema === true || schema === undefined) return {}
  if (!isSchema(schema)) throw fail(path, 'its schema is not an object')
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0]
  if ('example' in schema) return schema.example
  if ('default' in schema) return schema.default
  if ('const' in schema) return schema.const
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0]
  if (typeof schema.$ref === 'string')
    throw fail(path, `it is a $ref (${schema.$ref}), which the kit does not resolve`)
  const choices = schema.anyOf ?? schema.oneOf
  if (Array.isArray(choices)) return sampleChoice(choices, path)
  if (Array.isArray(schema.allOf)) return sampleAll(schema.allOf, path)
  switch (typeOf(schema)) {
    case 'object':
      return sampleObject(schema, path)
    case 'array':
      return sampleArray(schema, path)
    case 'string':
      return sampleString(schema, path)
    case 'integer':
      return sampleNumber(schema, true, path)
    case 'number':
      return sampleNumber(schema, false, path)
    case 'boolean':
      return true
    case 'null':
      return null
    default:
      return {}
  }
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function typeOf(schema: Schema): unknown {
  const { type } = schema
  if (Array.isArray(type)) return type.find((t) => t !== 'null') ?? 'null'
  if (type !== undefined) return type
  if (isSchema(schema.properties) || Array.isArray(schema.required)) return 'object'
  if (schema.items !== undefined) return 'array'
  return undefined
}

function fail(path: string, why: string): SchemaSampleError {
  return new SchemaSampleError(
    `Cannot build a sample for ${path}: ${why}. Give that field an \`examples: [value]\` entry in the route's schema, or give the whole body in the tenancy's bodies: { 'METHOD /path': … }.`,
  )
}

/** The first option that samples, preferring any option over `null`. */
function sampleChoice(choices: unknown[], path: string): unknown {
  const ordered = [...choices].sort((a, b) => Number(isNullSchema(a)) - Number(isNullSchema(b)))
  let last: unknown
  for (const choice of ordered) {
    try {
      return sampleFromSchema(choice, path)
    } catch (error) {
      last = error
    }
  }
  throw last ?? fail(path, 'anyOf/oneOf has no option')
}

function isNullSchema(schema: unknown): boolean {
  return isSchema(schema) && schema.type === 'null'
}

function sampleAll(parts: unknown[], path: string): unknown {
  const samples = parts.map((part) => sampleFromSchema(part, path))
  if (samples.every((sample) => isSchema(sample))) return Object.assign({}, ...samples)
  return samples[0]
}

function sampleObject(schema: Schema, path: string): Record<string, unknown> {
  const properties = isSchema(schema.properties) ? schema.properties : {}
  const required = Array.isArray(schema.required) ? schema.required.map(String) : []
  const out: Record<string, unknown> = {}
  for (const name of required) out[name] = sampleFromSchema(properties[name] ?? {}, `${path}.${name}`)
  return out
}

function sampleArray(schema: Schema, path: string): unknown[] {
  const count = typeof schema.minItems === 'number' ? schema.minItems : 0
  const tuple = Array.isArray(schema.prefixItems) ? schema.prefixItems : []
  return Array.from({ length: Math.max(count, tuple.length) }, (_, i) => {
    const item = sampleFromSchema(tuple[i] ?? schema.items ?? {}, `${path}[${i}]`)
    // Distinct strings, so uniqueItems holds for the common case.
    return typeof item === 'string' && i > 0 && schema.uniqueItems ? `${item}${i}` : item
  })
}

const FORMATS: Record<string, () => string> = {
  uuid: () => randomUUID(),
  // In the future: a date a handler checks ("publish at") is more often "not in the past".
  'date-time': () => new Date(Date.now() + DAY_MS).toISOString(),
  date: () => new Date(Date.now() + DAY_MS).toISOString().slice(0, 10),
  time: () => '12:00:00Z',
  email: () => `access-${randomUUID().slice(0, 8)}@example.com`,
  uri: () => 'https://example.com/',
  url: () => 'https://example.com/',
  hostname: () => 'example.com',
  ipv4: () => '192.0.2.1',
  ipv6: () => '2001:db8::1',
}

const CANDIDATES = ['example', 'example-1', 'a', 'a1', '1', 'A', 'Example', 'x_1']

function sampleString(schema: Schema, path: string): string {
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined
  if (format) return format()
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY
  const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern, 'u') : undefined
  for (const candidate of CANDIDATES) {
    const sized = candidate.padEnd(min, candidate.at(-1)).slice(0, max)
    if (sized.length >= min && (!pattern || pattern.test(sized))) return sized
  }
  throw fail(path, `no sample string fits ${pattern ? `pattern /${schema.pattern}/` : 'its length limits'}`)
}

function sampleNumber(schema: Schema, integer: boolean, path: string): number {
  const num = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined)
  const [min, max, above, below, multiple] = [
    num('minimum'),
    num('maximum'),
    num('exclusiveMinimum'),
    num('exclusiveMaximum'),
    num('multipleOf'),
  ]
  const fits = (value: number) =>
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    (min === undefined || value >= min) &&
    (max === undefined || value <= max) &&
    (above === undefined || value > above) &&
    (below === undefined || value < below) &&
    (!multiple || Number.isInteger(value / multiple))
  const low = min ?? above
  const high = max ?? below
  const bases = [
    min,
    1,
    0,
    above === undefined ? undefined : above + 1,
    max,
    below === undefined ? undefined : below - 1,
  ]
  if (low !== undefined && high !== undefined) bases.push((low + high) / 2)
  for (const base of bases) {
    if (base === undefined) continue
    const tries = [base, Math.ceil(base), multiple ? Math.ceil(base / multiple) * multiple : base]
    const value = tries.find(fits)
    if (value !== undefined) return value
  }
  throw fail(path, 'no sample number fits its limits')
}
