// Hand-made JWTs for the tests of token handling: other secrets, other algorithms, odd claims.
import { createHmac } from 'node:crypto'

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** A JWT with any header and payload, signed with HMAC-SHA256 and `secret` (unsigned for alg none). */
export function forgeToken(payload: object, secret: string, alg: 'HS256' | 'none' = 'HS256'): string {
  const unsigned = `${encode({ alg, typ: 'JWT' })}.${encode(payload)}`
  if (alg === 'none') return `${unsigned}.`
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`
}

export const nowSeconds = () => Math.floor(Date.now() / 1000)
