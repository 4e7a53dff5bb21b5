// Access tokens: `<userId>.<HMAC-SHA256 of it>`, signed with the app's secret. Small on purpose:
// the example is about the framework and the database, and the suite mints tokens with this signer.
import { createHmac, timingSafeEqual } from 'node:crypto'

export function signToken(userId: string, secret: string): string {
  return `${userId}.${mac(userId, secret)}`
}

/** The user id a token was signed for, or undefined when the signature does not match. */
export function verifyToken(token: string, secret: string): string | undefined {
  const dot = token.lastIndexOf('.')
  if (dot <= 0) return undefined
  const userId = token.slice(0, dot)
  const given = Buffer.from(token.slice(dot + 1))
  const expected = Buffer.from(mac(userId, secret))
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : undefined
}

function mac(value: string, secret: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url')
}
