// Reproducible data: every set of factories owns a faker seeded from one number. In tests that
// number comes from Vitest's seed (or TEST_SEED) and the test's full name, so a failing test's
// data can be replayed exactly.
import { createHash } from 'node:crypto'
import type { Faker } from '@faker-js/faker'
import { faker as englishFaker } from '@faker-js/faker/locale/en'

export { readTestSeed } from './test-seed.ts'

// `@faker-js/faker/locale/en` loads one locale (≈20 ms); the package root loads all of them
// (≈250 ms per worker). Its instance's constructor is the Faker class.
const FakerClass = englishFaker.constructor as typeof Faker

/** A fresh English faker seeded with `seed`. */
export function createFaker(seed: number): Faker {
  const faker = new FakerClass({ locale: englishFaker.rawDefinitions })
  faker.seed(seed)
  return faker
}

/** A 31-bit seed from any strings (stable across processes and machines). */
export function hashSeed(...parts: (string | number)[]): number {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(String(part)).update('\0')
  return hash.digest().readUInt32BE(0) >>> 1
}

type WorkerState = { config?: { sequence?: { seed?: unknown } } }

/**
 * Vitest's run seed (`--sequence.seed`, Date.now() by default). Vitest exposes it to tests only
 * through its worker state; undefined outside Vitest or if that ever moves.
 */
export function readVitestSeed(): number | undefined {
  const state = (globalThis as { __vitest_worker__?: WorkerState }).__vitest_worker__
  const seed = state?.config?.sequence?.seed
  return typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0 ? seed : undefined
}
