// What the interrupted child run is doing, by CHILD_SCENARIO:
// - `server`: an app server a test started (like the API's `pnpm dev` test) is up and serving;
// - `pnpm-dev`: a test runs the repository's `pnpm dev` (pnpm moves its script to a process group
//   of its own) on the run's server, and it is up;
// - `leak`: a test left a process running that ignores SIGTERM, so the run's teardown is busy
//   stopping it (for 3 s) when the interrupt comes.
import { fileURLToPath } from 'node:url'
import { inject } from 'vitest'
import { scratchDir, spawnTracked } from '../../../src/index.ts'
import { expect, test } from '../../kit.ts'

const SERVER = fileURLToPath(new URL('./app-server.ts', import.meta.url))
const ROOT = fileURLToPath(new URL('../../../../..', import.meta.url))

test('child run', async ({ db }) => {
  // A test with an open transaction on the run's server, as tests usually are.
  await db.user.create({ data: { email: 'child@example.com', fullName: 'Child', passwordHash: 'x' } })
  const scenario = process.env.CHILD_SCENARIO
  if (scenario === 'server') {
    using data = scratchDir('app')
    await using server = spawnTracked(process.execPath, [SERVER, data.path])
    await server.waitForOutput('app: ready', 120_000)
    console.log('child: app server ready')
    await new Promise((resolve) => setTimeout(resolve, 600_000))
  } else if (scenario === 'pnpm-dev') {
    await using dev = spawnTracked('pnpm', ['dev'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        // The child run's throwaway server: pnpm dev migrates and seeds its postgres database.
        DATABASE_URL: inject('tenantkit').adminUrl,
        JWT_SECRET: 'interrupt-test-secret-0123456789abcdef',
      },
    })
    await dev.waitForOutput(/worker: .*publishes/, 120_000)
    console.log('child: pnpm dev ready')
    await new Promise((resolve) => setTimeout(resolve, 600_000))
  } else if (scenario === 'leak') {
    const left = spawnTracked(
      '/bin/sh',
      ['-c', 'trap "" TERM; echo leak: ready; while :; do sleep 1; done'],
      {
        stopTimeoutMs: 3000,
      },
    )
    await left.waitForOutput('leak: ready')
  }
  expect(await db.user.count()).toBe(1)
})
