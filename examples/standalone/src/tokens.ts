// Access tokens: `<accountId>.<HMAC-SHA256 of it>`, signed with the app's secret. Small on
// purpose: the example is about the database, and the test kit mints tokens with this signer.
import { createHmac, timingSafeEqual } from 'node:crypto'

export function signToken(accountId: string, secret: string): string {
  return `${accountId}.${mac(accountId, secret)}`
}

/** The account id a token was signed for, or undefined when the signature does not match. */
export function verifyToken(token: string, secret: string): string | undefined {
  const dot = token.lastIndexOf('.')
  if (dot <= 0) return undefined
  const accountId = token.slice(0, dot)
  const given = Buffer.from(token.slice(dot + 1))
  const expected = Buffer.from(mac(accountId, secret))
  return given.length === expected.length && timingSafeEqual(given, expected) ? accountId : undefined
}

function mac(value: string, secret: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url')
}
