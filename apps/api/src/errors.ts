// The API's error catalogue: every error a client can see, with its code and status. Handlers
// throw these; plugins/error-handler.ts turns them (and Fastify's own errors) into the envelope.
import createError from '@fastify/error'

export const Errors = {
  // 400
  ValidationFailed: createError('TK_VALIDATION_FAILED', '%s', 400),
  InvalidJson: createError('TK_INVALID_JSON', 'The request body is not valid JSON', 400),
  BadRequest: createError('TK_BAD_REQUEST', '%s', 400),
  WeakPassword: createError('TK_WEAK_PASSWORD', 'body.password %s', 400),
  InvalidCursor: createError(
    'TK_INVALID_CURSOR',
    'querystring.cursor is not a cursor this list returned',
    400,
  ),
  PublishAtInPast: createError('TK_PUBLISH_AT_IN_PAST', 'body.publishAt must be in the future', 400),
  // 401
  Unauthenticated: createError(
    'TK_UNAUTHENTICATED',
    'Authentication required: send a valid bearer token',
    401,
  ),
  TokenExpired: createError('TK_TOKEN_EXPIRED', 'The access token has expired: log in again', 401),
  InvalidCredentials: createError('TK_INVALID_CREDENTIALS', 'Email or password is incorrect', 401),
  // 403
  AccountDisabled: createError('TK_ACCOUNT_DISABLED', 'This account is disabled', 403),
  Forbidden: createError('TK_FORBIDDEN', '%s', 403),
  // 404: another tenant's resource is a 404 too, never a 403 that would confirm it exists.
  NotFound: createError('TK_NOT_FOUND', 'Route %s %s not found', 404),
  OrgNotFound: createError('TK_ORG_NOT_FOUND', 'Organization not found', 404),
  MemberNotFound: createError('TK_MEMBER_NOT_FOUND', 'Member not found', 404),
  ContentNotFound: createError('TK_CONTENT_NOT_FOUND', 'Content item not found', 404),
  UserNotFound: createError('TK_USER_NOT_FOUND', 'No user has this email', 404),
  // 409
  EmailTaken: createError('TK_EMAIL_TAKEN', 'An account with this email already exists', 409),
  SlugTaken: createError('TK_SLUG_TAKEN', 'The slug "%s" is already used', 409),
  AlreadyMember: createError('TK_ALREADY_MEMBER', 'This user is already a member of the organization', 409),
  LastOwner: createError('TK_LAST_OWNER', 'An organization must keep at least one owner', 409),
  InvalidTransition: createError('TK_INVALID_TRANSITION', 'Cannot %s a content item that is %s', 409),
  // 413, 415, 429
  PayloadTooLarge: createError('TK_PAYLOAD_TOO_LARGE', 'The request body is too large', 413),
  UnsupportedMediaType: createError('TK_UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json', 415),
  RateLimited: createError('TK_RATE_LIMITED', 'Too many attempts: retry in %s', 429),
  // 5xx: the message never carries internals.
  Internal: createError('TK_INTERNAL', 'Internal server error', 500),
  Unavailable: createError('TK_UNAVAILABLE', 'The service is unavailable', 503),
} as const

export type ErrorCode = InstanceType<(typeof Errors)[keyof typeof Errors]>['code']

const CODES = new Set<string>(Object.values(Errors).map((E) => new E().code))

/** True for the catalogue's own errors (their code and message are meant for clients). */
export function isCatalogued(error: { code?: unknown }): error is { code: ErrorCode } {
  return typeof error.code === 'string' && CODES.has(error.code)
}
