// The one error handler: every failure leaves as `{ error: { code, message, requestId } }`.
// Catalogued errors keep their code; Fastify's own errors are mapped; anything else is a 500
// whose message and stack stay in the log.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Static } from 'typebox'
import { Errors, isCatalogued } from '../errors.ts'
import type { ErrorBody } from '../schemas/common.ts'
import { serializerCompiler } from './serializer.ts'
import { validatorCompiler } from './validator.ts'

type Envelope = Static<typeof ErrorBody>
type FieldError = { field: string; message: string }
type ValidationIssue = NonNullable<FastifyError['validation']>[number]

/** Fastify's own client errors, by code. */
const FASTIFY_ERRORS: Record<string, new () => FastifyError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: Errors.InvalidJson,
  FST_ERR_CTP_EMPTY_JSON_BODY: Errors.InvalidJson,
  FST_ERR_CTP_BODY_TOO_LARGE: Errors.PayloadTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: Errors.UnsupportedMediaType,
}

export default fp(
  async function errors(app: FastifyInstance) {
    // Rather than Fastify's default Ajv setup, which silently drops unknown fields and coerces
    // bodies: see validator.ts.
    app.setValidatorCompiler(validatorCompiler)
    // Compiled once per schema and process, not once per app (see serializer.ts).
    app.setSerializerCompiler(serializerCompiler)

    app.setErrorHandler(sendError)

    app.setNotFoundHandler((request) => {
      throw new Errors.NotFound(request.method, request.url.split('?')[0])
    })
  },
  { name: 'errors', fastify: '5.x' },
)

/** Answers with the envelope for `error` (also Fastify's `frameworkErrors`, see app.ts). */
export function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body } = toEnvelope(error, request)
  if (status >= 500) request.log.error({ err: error }, 'request failed')
  else request.log.info({ code: body.error.code, status }, body.error.message)
  return reply.status(status).send(body)
}

function toEnvelope(error: FastifyError, request: FastifyRequest): { status: number; body: Envelope } {
  const requestId = request.id
  if (error.validation) {
    const fields = describeValidation(error.validation, error.validationContext ?? 'request')
    const message = fields.map((f) => `${f.field} ${f.message}`).join('; ')
    const failed = new Errors.ValidationFailed(message)
    return { status: 400, body: { error: { code: failed.code, message, requestId, fields } } }
  }
  if (isCatalogued(error) && typeof error.statusCode === 'number') {
    // Catalogue messages are written for clients (5xx ones included: they carry no internals).
    return {
      status: error.statusCode,
      body: { error: { code: error.code, message: error.message, requestId } },
    }
  }
  const Mapped = FASTIFY_ERRORS[error.code]
  if (Mapped) {
    const mapped = new Mapped()
    return {
      status: mapped.statusCode ?? 400,
      body: { error: { code: mapped.code, message: mapped.message, requestId } },
    }
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500
  if (status >= 400 && status < 500) {
    return {
      status,
      body: { error: { code: new Errors.BadRequest().code, message: error.message, requestId } },
    }
  }
  const internal = new Errors.Internal()
  return { status: 500, body: { error: { code: internal.code, message: internal.message, requestId } } }
}

/**
 * One entry per offending field, named like `body.title` or `querystring.limit`. Understands
 * both TypeBox's and Ajv's shapes of `required` and `additionalProperties` issues.
 */
function describeValidation(issues: ValidationIssue[], context: string): FieldError[] {
  const fields = new Map<string, string>()
  const add = (path: string, message: string) => {
    if (!fields.has(path)) fields.set(path, message)
  }
  for (const issue of issues) {
    const base = context + issue.instancePath.replaceAll('/', '.')
    const params = issue.params as Record<string, unknown>
    if (issue.keyword === 'required') {
      for (const name of listOf(params.requiredProperties ?? params.missingProperty))
        add(`${base}.${name}`, 'is required')
    } else if (issue.keyword === 'additionalProperties') {
      for (const name of listOf(params.additionalProperties ?? params.additionalProperty)) {
        add(`${base}.${name}`, 'is not an allowed field')
      }
    } else if (issue.keyword === 'boolean') {
      // TypeBox reports an unknown field twice; the additionalProperties issue names it.
    } else {
      add(base, issue.message ?? 'is invalid')
    }
  }
  return [...fields].map(([field, message]) => ({ field, message }))
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String)
  return value === undefined ? [] : [String(value)]
}
