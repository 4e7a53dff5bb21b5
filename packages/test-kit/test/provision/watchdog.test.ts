// A watchdog survives a Ctrl-C that lands while it starts: a child forked into the run's process
// group holds a SIGINT sent to the group pending until it leaves the group, and then dies of it
// before it runs anything (see watchdog.ts). A watchdog so lost left an interrupted run's folder
// behind, 1 run in 8 under load.
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { spawnTracked } from '../../src/index.ts'
import { markedProcesses } from '../../src/provision/marked-processes.ts'
import { eventually } from './child-run/run-child.ts'

const STORM = fileURLToPath(new URL('./watchdog-storm.ts', import.meta.url))
// With no retry in startWatchdog (TRIES = 1), 74 of 100 watchdogs so started died: 40 leaves no
// doubt and takes ≈ 3 s.
const COUNT = 40
/** A safety net far above the ≈ 3 s the storm takes on a quiet 2-CPU machine, not a budget. */
const SAFETY_NET = 180_000

test(
  'every watchdog runs though SIGINTs reach its process group while it starts',
  async () => {
    const mark = `storm-${randomBytes(4).toString('hex')}`
    await using storm = spawnTracked(process.execPath, [STORM, String(COUNT), mark])
    await storm.waitForOutput('storming')
    // SIGINTs, one a millisecond, until the storm has started every watchdog (it waits for one
    // after each start, so the stream ends on the storm's count, not on the clock).
    let sent = 0
    while (!/running: \d+/.test(storm.output)) {
      try {
        process.kill(-storm.pid, 'SIGINT')
        sent++
      } catch {
        break // the storm process is gone
      }
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    await storm.exited
    expect(storm.output).toContain(`running: ${COUNT} of ${COUNT}`)
    const received = Number(/SIGINTs received: (\d+)/.exec(storm.output)?.[1])
    expect(received, 'SIGINTs that reached the storm while its watchdogs started').toBeGreaterThanOrEqual(
      COUNT,
    )
    expect(sent).toBeGreaterThanOrEqual(received)
    // The storm cancels each watchdog with a SIGKILL, which takes effect when the watchdog is next
    // scheduled: on a loaded machine a moment after the storm has exited.
    const left = async () =>
      (await Promise.all(Array.from({ length: COUNT }, (_, i) => markedProcesses(`${mark}-${i}`)))).flat()
    await eventually(async () => (await left()).length === 0)
    expect(await left()).toEqual([])
  },
  SAFETY_NET,
)
