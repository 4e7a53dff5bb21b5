import { describe, expect, it } from 'vitest'
import { describeError } from './describe-error.ts'

describe('describeError', () => {
  it("gives PostgreSQL's message and SQLSTATE from a Prisma driver error", () => {
    const error = Object.assign(
      new Error('\nInvalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed.'),
      {
        meta: { driverAdapterError: { cause: { message: 'terminating connection', code: '57P01' } } },
      },
    )
    expect(describeError(error)).toBe('terminating connection (SQLSTATE 57P01)')
  })

  it('puts any other message on one line', () => {
    expect(describeError(new Error('first\n\n  second  '))).toBe('first second')
    expect(describeError('plain')).toBe('plain')
  })
})
