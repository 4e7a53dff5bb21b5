// Password hashing: the test kit's scrypt format (scrypt$N$r$p$salt$key), so users made by the
// factories log in through the real login route and the app verifies what they store.
export { hashPassword, verifyPassword } from '@tenantkit/test-kit/factories'
