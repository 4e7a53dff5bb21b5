// The testcontainers provider for real, where a Docker engine and a PostgreSQL image are at hand
// (here: ../shared/docker/local-postgres-image.sh builds local/postgres:15). Elsewhere the tests
// are skipped with the reason printed.
import { execFileSync } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import { dockerUnavailableReason, OWNER_LABEL } from '../../src/provision/providers/testcontainers.ts'
import { readSettings } from '../../src/provision/settings.ts'
import { eventually, runChild, startChildRun } from './child-run/run-child.ts'

const image = process.env.TEST_PG_IMAGE ?? 'local/postgres:15'
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim()

async function unavailableReason(): Promise<string | undefined> {
  const missing = await dockerUnavailableReason(readSettings().dockerHost)
  if (missing) return `no Docker engine (${missing})`
  try {
    docker('image', 'inspect', image)
  } catch {
    return `image ${image} is not present (run ../shared/docker/local-postgres-image.sh, or set TEST_PG_IMAGE)`
  }
  return undefined
}

const reason = await unavailableReason()
if (reason) console.info(`[tenantkit] testcontainers tests skipped: ${reason}`)

const env = { TEST_DB_PROVIDER: 'testcontainers', TEST_PG_IMAGE: image, TESTCONTAINERS_RYUK_DISABLED: 'true' }
const kitContainers = () =>
  docker('ps', '-aq', '--filter', `label=${OWNER_LABEL}`).split('\n').filter(Boolean)
// The parent run may itself use a container (TEST_DB_PROVIDER=testcontainers): only new ones count.
const parentContainers = new Set(reason ? [] : kitContainers())
const childContainers = () => kitContainers().filter((id) => !parentContainers.has(id))

describe.skipIf(reason !== undefined)('testcontainers provider', { timeout: 120_000 }, () => {
  test('runs the suite in a container and removes it afterwards', async () => {
    const result = await runChild(env)
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain(
      `[tenantkit] database: testcontainers (TEST_DB_PROVIDER=testcontainers, image ${image})`,
    )
    expect(childContainers()).toEqual([])
  })

  test('a run killed with SIGKILL has its container removed by the watchdog', async () => {
    await using run = startChildRun({ ...env, CHILD_MODE: 'sleep' })
    await run.waitForOutput('child: sleeping', 60_000)
    expect(childContainers()).not.toEqual([])
    process.kill(run.pid, 'SIGKILL')
    await run.exited
    expect(await eventually(() => childContainers().length === 0, 15_000)).toBe(true)
  })
})
