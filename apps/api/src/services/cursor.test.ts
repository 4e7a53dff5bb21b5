import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor } from './cursor.ts'

describe('cursors', () => {
  it('round-trip the key of a row', () => {
    const key = {
      createdAt: new Date('2026-01-02T03:04:05.678Z'),
      id: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    }
    expect(decodeCursor(encodeCursor(key))).toEqual(key)
  })

  it.each([
    ['not base64 JSON', 'bm9wZQ'],
    ['the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a bad date', Buffer.from('["yesterday","6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"]').toString('base64url')],
    ['a bad id', Buffer.from('["2026-01-01T00:00:00.000Z","1; DROP TABLE"]').toString('base64url')],
  ])('rejects %s with TK_INVALID_CURSOR', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: 'TK_INVALID_CURSOR' }))
  })
})
