// The kit's `test` with a `factories` fixture, for these tests until src/fixtures.ts has its own.
import { createTestFactories } from '../../../src/factories/index.ts'
import { test as kit } from '../../../src/index.ts'

export const test = kit.extend('factories', ({ db, task, onTestFailed }) =>
  createTestFactories(() => db, { task, onTestFailed }),
)
export { expect } from '../../../src/index.ts'
