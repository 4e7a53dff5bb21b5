// TEST_SEED, read on its own: the test kit's settings read it in Vitest's main process, which
// must not load faker and Prisma's runtime (the rest of this package) just to start a server.
import { SeedError } from './errors.ts'

/**
 * TEST_SEED of `env`, if set: an integer, as printed by a failed test. The test kit's settings
 * call it with process.env (the factories themselves read no setting).
 */
export function readTestSeed(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.TEST_SEED?.trim()
  if (!raw) return undefined
  if (!/^\d{1,15}$/.test(raw)) {
    throw new SeedError(
      `TEST_SEED=${env.TEST_SEED} is not a seed. Use the integer a failed test printed (TEST_SEED=1234567 npx vitest …), or unset TEST_SEED for fresh data.`,
    )
  }
  return Number(raw)
}
