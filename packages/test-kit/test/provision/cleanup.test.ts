// A run leaves nothing behind — no postgres process, no data folder — whether it passes, fails,
// is interrupted (SIGINT, SIGTERM) or killed (SIGKILL: the next run cleans up).
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import {
  eventually,
  killStartedChildren,
  processesMentioning,
  runChild as runAnyChild,
  startChildRun as startAnyChildRun,
} from './child-run/run-child.ts'

// These runs test the embedded provider's folders and processes, whatever the parent run uses.
const runChild = (env: Record<string, string>) => runAnyChild({ TEST_DB_PROVIDER: 'embedded', ...env })
const startChildRun = (env: Record<string, string>) =>
  startAnyChildRun({ TEST_DB_PROVIDER: 'embedded', ...env })

let stateDir: string
afterEach(() => {
  killStartedChildren()
  for (const { pid } of processesMentioning(stateDir)) process.kill(pid, 'SIGKILL')
  rmSync(stateDir, { recursive: true, force: true })
})
const newStateDir = () => {
  stateDir = mkdtempSync(join(tmpdir(), 'tk-cleanup-'))
  chmodSync(stateDir, 0o755) // the postgres user must be able to enter it (see assertReachableByOthers)
  return stateDir
}
const leftovers = () => ({
  processes: processesMentioning(stateDir).map((p) => p.cmd),
  folders: readdirSync(stateDir),
})
const nothingLeft = () =>
  eventually(() => leftovers().processes.length === 0 && leftovers().folders.length === 0)

// The tests share `stateDir` and watch the machine's processes: never concurrent.
describe('cleanup', { timeout: 60_000, concurrent: false }, () => {
  test('a passing run stops its server and removes its folder', async () => {
    const result = await runChild({ TEST_KIT_STATE_DIR: newStateDir() })
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain('[tenantkit] database: embedded')
    expect(await nothingLeft(), JSON.stringify(leftovers())).toBe(true)
  })

  test('two runs at once on one machine do not collide', async () => {
    const [first, second] = await Promise.all([
      runChild({ TEST_KIT_STATE_DIR: newStateDir() }),
      runChild({ TEST_KIT_STATE_DIR: stateDir }),
    ])
    expect(first.code, first.output).toBe(0)
    expect(second.code, second.output).toBe(0)
    expect(await nothingLeft(), JSON.stringify(leftovers())).toBe(true)
  })

  test('a failing run leaves nothing either', async () => {
    const result = await runChild({ TEST_KIT_STATE_DIR: newStateDir(), CHILD_MODE: 'fail' })
    expect(result.code, result.output).toBe(1)
    expect(await nothingLeft(), JSON.stringify(leftovers())).toBe(true)
  })

  test.for([
    ['SIGINT', 'group'],
    ['SIGTERM', 'process'],
  ] as const)('a run interrupted with %s (sent to the %s) leaves nothing', async ([signal, target]) => {
    const run = startChildRun({ TEST_KIT_STATE_DIR: newStateDir(), CHILD_MODE: 'sleep' })
    await run.waitFor('child: sleeping')
    expect(leftovers().processes.some((cmd) => cmd.includes('postgres'))).toBe(true)
    const pid = run.child.pid ?? 0
    process.kill(target === 'group' ? -pid : pid, signal)
    await run.done
    expect(await nothingLeft(), JSON.stringify(leftovers())).toBe(true)
  })

  test('a run killed with SIGKILL is cleaned up by its watchdog', async () => {
    const run = startChildRun({ TEST_KIT_STATE_DIR: newStateDir(), CHILD_MODE: 'sleep' })
    await run.waitFor('child: sleeping')
    // Only Vitest's main process: PostgreSQL runs on, as it would after `kill -9 <vitest pid>`.
    process.kill(run.child.pid ?? 0, 'SIGKILL')
    await run.done
    expect(await nothingLeft(), JSON.stringify(leftovers())).toBe(true)
  })

  test('what a killed run and its watchdog left, the next run removes', async () => {
    const run = startChildRun({ TEST_KIT_STATE_DIR: newStateDir(), CHILD_MODE: 'sleep' })
    await run.waitFor('child: sleeping')
    // Kill everything of the run except PostgreSQL itself: the state a crash or OOM kill leaves.
    for (const { pid, cmd } of processesMentioning(stateDir))
      if (cmd.includes('tenantkit-watchdog')) process.kill(pid, 'SIGKILL')
    process.kill(run.child.pid ?? 0, 'SIGKILL')
    await run.done
    const orphan = leftovers()
    expect(orphan.processes.some((cmd) => cmd.includes('postgres'))).toBe(true)
    expect(orphan.folders).toHaveLength(1)

    const next = await runChild({ TEST_KIT_STATE_DIR: stateDir })
    expect(next.code, next.output).toBe(0)
    expect(await nothingLeft(), JSON.stringify(leftovers())).toBe(true)
  })
})
