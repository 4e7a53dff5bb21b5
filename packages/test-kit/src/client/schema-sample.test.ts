// sampleFromSchema builds values the schema's own validator accepts: checked here with the
// schemas Fastify apps write (plain JSON Schema, TypeBox's output shape).
import { describe, expect, it } from 'vitest'
import { SchemaSampleError, sampleFromSchema } from './schema-sample.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('sampleFromSchema', () => {
  it('fills the required properties only, each by its type and limits', () => {
    const sample = sampleFromSchema(
      {
        type: 'object',
        required: ['title', 'slug', 'count', 'ratio', 'done', 'tags'],
        properties: {
          title: { type: 'string', minLength: 12, maxLength: 20 },
          slug: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          count: { type: 'integer', minimum: 3, maximum: 10 },
          ratio: { type: 'number', exclusiveMinimum: 0, maximum: 0.25 },
          done: { type: 'boolean' },
          tags: { type: 'array', minItems: 2, uniqueItems: true, items: { type: 'string' } },
          note: { type: 'string' },
        },
      },
      'body',
    )
    expect(sample).toEqual({
      title: 'exampleeeeee',
      slug: 'example',
      count: 3,
      ratio: 0.25,
      done: true,
      tags: ['example', 'example1'],
    })
  })

  it('prefers what the schema says: examples, default, const, the first enum value', () => {
    expect(sampleFromSchema({ enum: ['OWNER', 'MEMBER'], examples: ['MEMBER'] }, 'body')).toBe('MEMBER')
    expect(sampleFromSchema({ type: 'integer', default: 20 }, 'body')).toBe(20)
    expect(sampleFromSchema({ const: 'fixed' }, 'body')).toBe('fixed')
    expect(sampleFromSchema({ enum: ['DRAFT', 'PUBLISHED'] }, 'body')).toBe('DRAFT')
  })

  it('honours formats, with dates in the future', () => {
    const sample = sampleFromSchema(
      {
        type: 'object',
        required: ['id', 'at', 'email'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          at: { type: 'string', format: 'date-time' },
          email: { type: 'string', format: 'email' },
        },
      },
      'body',
    ) as { id: string; at: string; email: string }
    expect(sample.id).toMatch(UUID)
    expect(Date.parse(sample.at)).toBeGreaterThan(Date.now())
    expect(sample.email).toMatch(/^[^@\s]+@example\.com$/)
  })

  it('takes the first non-null option of a union, and merges allOf objects', () => {
    expect(
      sampleFromSchema({ anyOf: [{ type: 'null' }, { type: 'string', format: 'uuid' }] }, 'body'),
    ).toMatch(UUID)
    expect(
      sampleFromSchema(
        {
          allOf: [
            { type: 'object', required: ['a'], properties: { a: { const: 1 } } },
            { type: 'object', required: ['b'], properties: { b: { const: 2 } } },
          ],
        },
        'body',
      ),
    ).toEqual({ a: 1, b: 2 })
  })

  it('names the field and the ways out when no value fits', () => {
    const impossible = {
      type: 'object',
      required: ['code'],
      properties: { code: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' } },
    }
    expect(() => sampleFromSchema(impossible, 'the body of POST /codes')).toThrow(SchemaSampleError)
    expect(() => sampleFromSchema(impossible, 'the body of POST /codes')).toThrow(
      /the body of POST \/codes\.code: no sample string fits pattern .*`examples: \[value\]`.*bodies/,
    )
    expect(() => sampleFromSchema({ $ref: '#/definitions/x' }, 'body')).toThrow(/\$ref/)
  })
})
