// Response serialization with fast-json-stringify, as Fastify does by default, but compiled once
// per schema and process: the schemas are module constants shared by every app instance (the
// tests build one per test), and compiling them again was most of what building an app cost.
// The app registers no shared schemas (`addSchema`), so a schema compiles on its own.
import fastJsonStringify from 'fast-json-stringify'
import type { FastifySerializerCompiler } from 'fastify'

const compiled = new WeakMap<object, (data: unknown) => string>()

export const serializerCompiler: FastifySerializerCompiler<object> = ({ schema }) => {
  let serialize = compiled.get(schema)
  if (!serialize) {
    serialize = fastJsonStringify(schema)
    compiled.set(schema, serialize)
  }
  return serialize
}
