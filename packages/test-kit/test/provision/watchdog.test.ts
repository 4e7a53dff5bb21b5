// A watchdog survives a Ctrl-C that lands while it starts: a child forked into the run's process
// group holds a SIGINT sent to the group pending until it leaves the group, and then dies of it
// before it runs anything (see watchdog.ts). A watchdog so lost left an interrupted run's folder
// behind, 1 run in 8 under load.
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { spawnTracked } from '../../src/index.ts'
import { processesNaming } from '../../src/provision/process-table.ts'

const STORM = fileURLToPath(new URL('./watchdog-storm.ts', import.meta.url))
const COUNT = 100
/** Each signal can cut short one start at most: fewer than the watchdog's tries, so none gives up. */
const MAX_SIGNALS = 400
/** A safety net far above the ≈ 20 s the storm takes on a quiet 2-CPU machine, not a budget. */
const SAFETY_NET = 180_000

test(
  'every watchdog runs though SIGINTs reach its process group while it starts',
  async () => {
    const mark = `storm-${randomBytes(4).toString('hex')}`
    await using storm = spawnTracked(process.execPath, [STORM, String(COUNT), mark])
    await storm.waitForOutput('storming')
    let sent = 0
    while (!/running: \d+/.test(storm.output) && sent < MAX_SIGNALS) {
      try {
        process.kill(-storm.pid, 'SIGINT')
        sent++
      } catch {
        break // the storm process is gone
      }
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    await storm.exited
    expect(sent, 'SIGINTs sent while the watchdogs started').toBeGreaterThan(COUNT / 5)
    expect(storm.output).toContain(`running: ${COUNT} of ${COUNT}`)
    expect(processesNaming(mark)).toEqual([])
  },
  SAFETY_NET,
)
