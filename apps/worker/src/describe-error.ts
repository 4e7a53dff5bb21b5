// One line for an error in the worker's messages. Prisma wraps a driver error in several lines of
// invocation text; PostgreSQL's own message and SQLSTATE sit in `meta.driverAdapterError.cause`.

type DriverCause = { message?: unknown; code?: unknown }

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const meta = (error as { meta?: { driverAdapterError?: { cause?: DriverCause } } }).meta
  const cause = meta?.driverAdapterError?.cause
  if (typeof cause?.message === 'string') {
    return typeof cause.code === 'string' ? `${cause.message} (SQLSTATE ${cause.code})` : cause.message
  }
  return error.message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ')
}
