// Where transaction isolation still differs from production, in one place. The equivalence suite
// (test/isolation/equivalence) shows each one with a scenario, and checks that README's
// "Isolation" section and docs/decisions/002 list exactly these titles. `database` isolation has
// none of them.

export type IsolationLimit = {
  id: string
  /** How README and ADR 002 name it (the bold start of its bullet). */
  title: string
  /** What to do about it. */
  workaround: string
}

export const TRANSACTION_MODE_LIMITS = [
  {
    id: 'one-connection',
    title: "Other connections never see the test's rows",
    workaround:
      "A second client, a worker, LISTEN/NOTIFY or SKIP LOCKED across connections needs real commits: `isolation: 'database'`.",
  },
  {
    id: 'serialized-transactions',
    title: 'Transactions run one after another',
    workaround:
      "Races (lost updates, lock waits, deadlocks) cannot happen, and a query issued while a transaction is open waits for it and sees its rows: test races with `isolation: 'database'`.",
  },
  {
    id: 'queue-wait-counts-against-timeout',
    title: "A queued transaction's wait counts against its `timeout`",
    workaround:
      "A transaction that waits behind another uses up its `timeout` (not `maxWait`) meanwhile; give it a longer `timeout`, or use `isolation: 'database'`.",
  },
  {
    id: 'isolation-levels',
    title: '`isolationLevel` has no effect',
    workaround:
      "Every transaction runs at the test's READ COMMITTED, so no serialization failure (40001) happens: `isolation: 'database'`.",
  },
  {
    id: 'deferred-constraints',
    title: 'Deferred constraints are never checked',
    workaround: "They would be checked at the outer COMMIT, which never comes: `isolation: 'database'`.",
  },
  {
    id: 'now',
    title: '`now()` stands still',
    workaround:
      "`now()`, `CURRENT_TIMESTAMP` and `transaction_timestamp()` are the test's start for the whole test: use `statement_timestamp()` or `clock_timestamp()` where time must advance, set timestamps in code, or use `isolation: 'database'`.",
  },
  {
    id: 'outer-client',
    title: 'The outer client inside its own `$transaction` fails at once',
    workaround:
      "Awaiting `db` instead of `tx` inside `db.$transaction(async (tx) => …)` throws OuterClientInTransactionError (code TK_OUTER_CLIENT_IN_TRANSACTION) instead of running outside the transaction (a batch `db.$transaction([…])` there is not recognised and waits until the transaction's `timeout`, P2028): use `tx`, or `isolation: 'database'`.",
  },
  {
    id: 'settings-by-name',
    title: 'Transaction-local settings are reset by name',
    workaround:
      "A setting whose name is built at run time (`set_config('app.' || x, …, true)`) outlives its transaction: name it literally in the SQL or in a function, or use `isolation: 'database'`.",
  },
] as const satisfies readonly IsolationLimit[]

export type IsolationLimitId = (typeof TRANSACTION_MODE_LIMITS)[number]['id']
