// The errors transaction isolation throws at code that cannot behave as in production there.

/**
 * The outer client (the `db` a `$transaction` was opened on) was awaited inside that
 * transaction's own callback. In production the query runs on another pooled connection; in
 * transaction isolation every query shares the test's one connection, so it would wait for the
 * transaction that waits for it, until Prisma's timeout (P2028).
 *
 * Thrown as is by `$transaction`; a model or raw query carries it as Prisma's
 * `PrismaClientKnownRequestError` with the same `code` (Prisma wraps every error that has a code),
 * so match on `code`.
 */
export class OuterClientInTransactionError extends Error {
  override name = 'OuterClientInTransactionError'
  readonly code = 'TK_OUTER_CLIENT_IN_TRANSACTION'
  constructor(what: 'query' | '$transaction') {
    super(
      `A ${what === 'query' ? 'query' : 'new $transaction'} ran on the outer client (the \`db\` the open transaction was started on) and is awaited inside that transaction's callback. ` +
        'In production it would run on another pooled connection, outside the transaction; with `isolation: "transaction"` every query shares the test\'s one connection, so it would wait for the transaction that waits for it until Prisma\'s timeout (P2028). ' +
        'Use the callback\'s client: `db.$transaction(async (tx) => { await tx.… })`. If the code under test must run it outside the transaction, test it with `test.override({ isolation: "database" })`.',
    )
  }
}

/** `queries` counts statements through the transaction-mode adapter, which database mode does not use. */
export class QueryCountUnavailableError extends Error {
  override name = 'QueryCountUnavailableError'
  readonly code = 'TK_QUERIES_NEED_TRANSACTION_MODE'
  constructor() {
    super(
      'The `queries` fixture counts statements in transaction isolation only, and this test runs with `isolation: "database"` (or its client is not the kit\'s). ' +
        'Measure query budgets in a test with the default `isolation: "transaction"`: the statements the code sends are the same in both modes.',
    )
  }
}
