// How many Prisma `$transaction(fn)` callbacks are awaiting the current call, read from V8's
// async stack trace (which follows `await`, Promise.all and Promise.race, not a promise that
// nobody awaits). The marker is the name of Prisma's method that awaits `fn(tx)`; if a Prisma
// upgrade renames it, the count drops to 0 and test/isolation/outer-client.test.ts fails.
const CALLBACK_FRAME = /\b_transactionWithCallback\b/g

/** Costs one stack capture (~20 µs): call it only when a query would have to wait. */
export function transactionCallbacksAwaiting(): number {
  const { stackTraceLimit } = Error
  Error.stackTraceLimit = 200
  try {
    const frames: { stack?: string } = {}
    Error.captureStackTrace(frames)
    return frames.stack?.match(CALLBACK_FRAME)?.length ?? 0
  } finally {
    Error.stackTraceLimit = stackTraceLimit
  }
}
