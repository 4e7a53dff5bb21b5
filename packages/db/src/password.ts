// Password hashes in the one format the API and the test factories share (so it lives with the
// data layer both depend on):
//   scrypt$<N>$<r>$<p>$<salt, base64>$<derived key, base64>
// (N=16384, r=8, p=1, a 16-byte salt and a 32-byte key unless the stored hash says otherwise).
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto'

export type ScryptParams = { N: number; r: number; p: number; keyLength: number; saltLength: number }

export const SCRYPT_DEFAULTS: ScryptParams = { N: 16384, r: 8, p: 1, keyLength: 32, saltLength: 16 }

// Node's default maxmem (32 MiB) is just enough for N=16384, r=8; leave room for larger N.
const maxmem = (N: number, r: number) => 256 * N * r

function derive(password: string, salt: Buffer, N: number, r: number, p: number, length: number) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, length, { N, r, p, maxmem: maxmem(N, r) }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

function format(N: number, r: number, p: number, salt: Buffer, key: Buffer): string {
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`
}

/**
 * Hashes a password with scrypt and a random salt.
 * @example
 * const stored = await hashPassword('correct horse battery staple')
 * // 'scrypt$16384$8$1$<salt>$<key>'
 */
export async function hashPassword(password: string, params: Partial<ScryptParams> = {}): Promise<string> {
  const { N, r, p, keyLength, saltLength } = { ...SCRYPT_DEFAULTS, ...params }
  const salt = randomBytes(saltLength)
  return format(N, r, p, salt, await derive(password, salt, N, r, p, keyLength))
}

/**
 * Checks a password against a stored hash (any N, r, p and key length the hash records).
 * Returns false, never throws, for a malformed hash.
 * @example
 * await verifyPassword('testpassword123!', user.passwordHash) // true for factory-made users
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored)
  if (!parsed) return false
  const { N, r, p, salt, key } = parsed
  const actual = await derive(password, salt, N, r, p, key.length).catch(() => undefined)
  return actual !== undefined && timingSafeEqual(actual, key)
}

function parseHash(stored: string) {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined
  const [N, r, p] = parts.slice(1, 4).map(Number)
  const salt = Buffer.from(parts[4] ?? '', 'base64')
  const key = Buffer.from(parts[5] ?? '', 'base64')
  if (!N || !r || !p || !Number.isInteger(N) || (N & (N - 1)) !== 0) return undefined
  if (salt.length === 0 || key.length === 0) return undefined
  return { N, r, p, salt, key }
}

/**
 * Hashes with a given salt, synchronously. Only for test data, where a salt derived from the
 * password makes rows reproducible; real accounts use `hashPassword` (a random salt).
 */
export function hashPasswordWithSalt(
  password: string,
  salt: Buffer,
  params: Partial<Pick<ScryptParams, 'N' | 'r' | 'p' | 'keyLength'>> = {},
): string {
  const { N, r, p, keyLength } = { ...SCRYPT_DEFAULTS, ...params }
  return format(N, r, p, salt, scryptSync(password, salt, keyLength, { N, r, p, maxmem: maxmem(N, r) }))
}
