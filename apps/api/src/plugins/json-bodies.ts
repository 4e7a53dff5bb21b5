// Request bodies are JSON only. Fastify also parses text/plain by default, which turned a text body
// into a string that failed validation (400 "body must be object"); without that parser every
// media type but application/json (any parameters, e.g. charset) is a 415 TK_UNSUPPORTED_MEDIA_TYPE.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

export default fp(
  async function jsonBodies(app: FastifyInstance) {
    app.removeContentTypeParser('text/plain')
  },
  { name: 'json-bodies', fastify: '5.x' },
)
