// URL slugs from free text, in the format the database's CHECK constraint accepts.
import { randomBytes } from 'node:crypto'
import { Errors } from '../errors.ts'
import { isUniqueViolation } from './unique-violation.ts'

const MAX_LENGTH = 60

/** "Hello, Wörld!" → "hello-world"; `fallback` when nothing usable is left. */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_LENGTH)
    .replace(/^-+|-+$/g, '')
  return slug || fallback
}

/** The same slug with a short random suffix, for when the plain one is taken. */
export function withRandomSuffix(slug: string): string {
  const suffix = randomBytes(3).toString('hex')
  return `${slug.slice(0, MAX_LENGTH - suffix.length - 1).replace(/-+$/, '')}-${suffix}`
}

const ATTEMPTS = 5

/**
 * Runs `create` with a unique slug: the requested one (taken → TK_SLUG_TAKEN), or one derived
 * from free text, retried with a random suffix while it collides.
 */
export async function createWithUniqueSlug<T>(
  requested: string | undefined,
  derived: string,
  create: (slug: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const slug = requested ?? (attempt === 1 ? derived : withRandomSuffix(derived))
    try {
      return await create(slug)
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      if (requested !== undefined || attempt >= ATTEMPTS) throw new Errors.SlugTaken(slug)
    }
  }
}
