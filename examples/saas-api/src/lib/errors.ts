// Errors a handler throws: Fastify's error handler answers `{ statusCode, code, error, message }`.
export class HttpError extends Error {
  readonly statusCode: number
  readonly code: string

  constructor(statusCode: number, code: string, message: string = code) {
    super(message)
    this.statusCode = statusCode
    this.code = code
  }
}

export const notFound = (what: string) =>
  new HttpError(404, `${what.toUpperCase()}_NOT_FOUND`, `${what} not found`)
