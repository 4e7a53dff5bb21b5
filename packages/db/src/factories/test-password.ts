// The factories' side of passwords: the default test password, hashed once per process (hashing
// per row is what made the old seed slow). The format and real hashing live in @tenantkit/db.
import { createHash } from 'node:crypto'
import { hashPasswordWithSalt, SCRYPT_DEFAULTS } from '../password.ts'

export { hashPassword, verifyPassword } from '../password.ts'

/** The password of every factory-made user that was not given one. */
export const DEFAULT_PASSWORD = 'testpassword123!'

const testHashes = new Map<string, string>()

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
    hash = hashPasswordWithSalt(password, salt)
    testHashes.set(password, hash)
  }
  return hash
}
