// Request validation with TypeBox: bodies are checked as sent (no coercion, unknown fields are
// errors); params and query strings, which arrive as text, are converted first, but strictly:
// "2" becomes 2, while "2.5", "0x10" or "true" stay text and fail an integer schema (TypeBox's
// own Value.Convert would turn them into 2, 16 and 1).
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'

const INTEGER = /^-?(0|[1-9][0-9]*)$/
const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/

type Shape = { type?: unknown; properties?: Record<string, Shape> }

function convert(schema: Shape, value: unknown): unknown {
  if (typeof value === 'string') {
    if (schema.type === 'integer' && INTEGER.test(value)) return Number(value)
    if (schema.type === 'number' && NUMBER.test(value)) return Number(value)
    if (schema.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true'
    return value
  }
  const properties = schema.properties
  if (!properties || typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const property = properties[key]
    out[key] = property ? convert(property, item) : item
  }
  return out
}

// Schemas are module constants shared by every app instance (the tests build one per test), so
// each is compiled once per process.
const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>()

export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  let check = compiled.get(schema)
  if (!check) {
    check = Compile(schema)
    compiled.set(schema, check)
  }
  const validator = check
  return (input: unknown) => {
    const value = httpPart === 'body' ? input : convert(schema as Shape, input)
    if (validator.Check(value)) return { value }
    const error: FastifySchemaValidationError[] = validator.Errors(value)
    return { error }
  }
}
