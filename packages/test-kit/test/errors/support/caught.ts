// The error a call throws or rejects with, typed for the checks every error test makes.
import { expect } from 'vitest'

export type KitError = Error & { code?: string; setting?: string }

/** Runs `run` and returns what it threw (or rejected with); fails the test if it did not. */
export async function caught(run: () => unknown): Promise<KitError> {
  try {
    await run()
  } catch (error) {
    return error as KitError
  }
  return expect.fail('expected an error, but none was thrown')
}
