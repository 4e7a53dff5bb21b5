// A run that ends normally leaves nothing behind — no postgres process, no folder — whether it
// passes or fails. Interrupted and killed runs: interrupt.test.ts.
import { readdirSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { scratchDir } from '../../src/index.ts'
import { eventually, processesMentioning, runChild as runAnyChild } from './child-run/run-child.ts'

// These runs test the embedded provider's folders and processes, whatever the parent run uses.
const runChild = (env: Record<string, string>) => runAnyChild({ TEST_DB_PROVIDER: 'embedded', ...env })

const leftovers = (stateDir: string) => ({
  processes: processesMentioning(stateDir).map((p) => p.cmd),
  folders: readdirSync(stateDir),
})
const nothingLeft = (stateDir: string) =>
  eventually(() => {
    const left = leftovers(stateDir)
    return left.processes.length === 0 && left.folders.length === 0
  })

// Each test has a state folder of its own and looks only at what names it: they run side by side.
describe('cleanup', { timeout: 60_000, concurrent: true }, () => {
  // Two at once, on one state root: each stops its own server and removes its own folder, and
  // neither ends the other's (a run on its own is the same, without the neighbour).
  test('passing runs stop their server and remove their folder, two at once without colliding', async () => {
    using state = scratchDir('cleanup')
    const runs = await Promise.all([
      runChild({ TEST_KIT_STATE_DIR: state.path }),
      runChild({ TEST_KIT_STATE_DIR: state.path }),
    ])
    for (const result of runs) {
      expect(result.code, result.output).toBe(0)
      expect(result.output).toContain('[tenantkit] database: embedded')
    }
    expect(await nothingLeft(state.path), JSON.stringify(leftovers(state.path))).toBe(true)
  })

  test('a failing run leaves nothing either', async () => {
    using state = scratchDir('cleanup')
    const result = await runChild({ TEST_KIT_STATE_DIR: state.path, CHILD_MODE: 'fail' })
    expect(result.code, result.output).toBe(1)
    expect(await nothingLeft(state.path), JSON.stringify(leftovers(state.path))).toBe(true)
  })
})
