// Password hashing in the format the test factories also write (scrypt$N$r$p$salt$key), so users
// made by factories log in through the real login route. It lives in @tenantkit/db, a runtime
// dependency, so `pnpm start` never loads the test kit.
export { hashPassword, verifyPassword } from '@tenantkit/db/password'
