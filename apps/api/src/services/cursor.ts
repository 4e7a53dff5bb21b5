// Keyset pagination over (createdAt, id), newest first. The cursor is opaque to clients:
// base64url of the last row's key, validated on the way back in.
import { Errors } from '../errors.ts'
import { DEFAULT_PAGE_SIZE } from '../schemas/common.ts'

type Key = { createdAt: Date; id: string }
export type KeysetWhere = { OR: [{ createdAt: { lt: Date } }, { createdAt: Date; id: { lt: string } }] }
export type Page<T> = { items: T[]; nextCursor: string | null }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify([key.createdAt.toISOString(), key.id])).toString('base64url')
}

export function decodeCursor(cursor: string): Key {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw new Errors.InvalidCursor()
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw new Errors.InvalidCursor()
  const [at, id] = parsed
  const createdAt = typeof at === 'string' ? new Date(at) : new Date(Number.NaN)
  if (Number.isNaN(createdAt.getTime()) || typeof id !== 'string' || !UUID.test(id)) {
    throw new Errors.InvalidCursor()
  }
  return { createdAt, id }
}

/**
 * Fetches one page: `fetch` receives the keyset condition (undefined on the first page) and how
 * many rows to take, and must order by createdAt desc, id desc.
 */
export async function paginate<T extends Key>(
  query: { limit?: number | undefined; cursor?: string | undefined },
  fetch: (page: { after: KeysetWhere | undefined; take: number }) => Promise<T[]>,
): Promise<Page<T>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE
  let after: KeysetWhere | undefined
  if (query.cursor !== undefined) {
    const key = decodeCursor(query.cursor)
    after = { OR: [{ createdAt: { lt: key.createdAt } }, { createdAt: key.createdAt, id: { lt: key.id } }] }
  }
  const rows = await fetch({ after, take: limit + 1 })
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null }
}

export const NEWEST_FIRST = [{ createdAt: 'desc' }, { id: 'desc' }] as const
