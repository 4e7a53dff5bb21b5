// The factories' side of passwords: the default test password, hashed once per process (hashing
// per row is what made the old seed slow). The format and real hashing live in @tenantkit/db.
import { createHash } from 'node:crypto'
import { hashPasswordWithSalt, SCRYPT_DEFAULTS } from '../password.ts'

export { hashPassword, verifyPassword } from '../password.ts'

/** The password of every factory-made user that was not given one. */
export const DEFAULT_PASSWORD = 'testpassword123!'

/**
 * The scrypt cost of test data: N=1024 instead of the 16384 real accounts get. The API verifies
 * whatever cost a stored hash records (the real login path, same format, same code), so a login
 * of a factory-made user costs ≈ 3 ms of CPU instead of ≈ 45 ms; suites log in hundreds of times.
 * The same trade Django makes with a fast hasher in test settings: test data guards no secret.
 * Hashes the API writes itself (registration) keep the real cost.
 */
export const TEST_DATA_SCRYPT = { N: 1024 } as const

const testHashes = new Map<string, string>()
let scryptRuns = 0

/** How many test-data hashes this process has computed (each a real scrypt run): for the kit's tests. */
export const testHashesComputed = (): number => scryptRuns

/**
 * The hash factories store for `password`, computed once per process and password. The salt is
 * derived from the password, so the same seed gives the same rows in every process; that is fine
 * for test data and wrong for real accounts (use `hashPassword` there).
 */
export function testPasswordHash(password: string = DEFAULT_PASSWORD): string {
  let hash = testHashes.get(password)
  if (hash === undefined) {
    const salt = createHash('sha256')
      .update(`tenantkit-test-salt\0${password}`)
      .digest()
      .subarray(0, SCRYPT_DEFAULTS.saltLength)
    hash = hashPasswordWithSalt(password, salt, TEST_DATA_SCRYPT)
    scryptRuns++
    testHashes.set(password, hash)
  }
  return hash
}
