// pg clients and pools that outlive their server quietly. An `error` event without a listener
// crashes the process with a stack trace, and Ctrl-C stops the embedded server (it shares the
// terminal's process group) while connections are still open.
import pg from 'pg'

/**
 * A broken idle connection needs no handling here: the next query on it fails with an error that
 * its caller handles, and the run is usually ending anyway.
 */
function ignoreConnectionError(): void {}

/** A `pg.Client` with an `error` listener. */
export function createPgClient(config: pg.ClientConfig): pg.Client {
  const client = new pg.Client(config)
  client.on('error', ignoreConnectionError)
  return client
}

/** A `pg.Pool` with an `error` listener on the pool and on every client it opens (a checked-out
 * client has none of the pool's). */
export function createPgPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config)
  pool.on('error', ignoreConnectionError)
  pool.on('connect', (client) => client.on('error', ignoreConnectionError))
  return pool
}
