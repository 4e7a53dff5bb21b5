// Child process of startup.bench.ts: what a watch re-run costs a new test worker while the
// server and template stay up — load the kit and the Prisma client, open the worker's
// transaction-mode database (new WorkerDatabases + beginTest), run a first query. Prints one
// JSON line of timings in ms. The server info comes from the runner in BENCH_SERVER_INFO.
const loadStarted = performance.now()
const { WorkerDatabases } = await import('../../packages/test-kit/src/isolation/worker-databases.ts')
const { appClient } = await import('../lib.ts')
const loadMs = performance.now() - loadStarted

const raw = process.env.BENCH_SERVER_INFO
if (!raw) throw new Error('BENCH_SERVER_INFO is not set (the bench runner sets it).')
const worker = new WorkerDatabases(JSON.parse(raw), appClient)
try {
  const beginStarted = performance.now()
  const { db, end } = await worker.beginTest()
  const beginMs = performance.now() - beginStarted
  const queryStarted = performance.now()
  await db.organization.count()
  const queryMs = performance.now() - queryStarted
  await end()
  console.log(
    JSON.stringify({ bootMs: loadStarted, loadMs, beginMs, queryMs, totalMs: loadMs + beginMs + queryMs }),
  )
} finally {
  await worker.close()
}
