// `pnpm test:busy` runs a suite while CPU hogs keep every core busy, and leaves no hog behind:
// after its runs, and when it is killed by SIGKILL mid-run (each hog notices its parent is gone).
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { setPriority } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { expect, test } from 'vitest'

const SCRIPT = new URL('../src/test-busy.ts', import.meta.url).pathname
const SUITE = new URL('./fixtures/busy-suite/', import.meta.url).pathname
/** What test-busy.ts puts in each hog's command line, before its own pid. */
const HOG_MARK = 'tenantkit-cpu-hog'
/** Safety nets far above what each step takes on a busy machine, not budgets. */
const SAFETY_NET = 60_000

/** Live hogs started by the test:busy process `pid`. */
function hogsOf(pid: number): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.[0]
      if (cmd.includes(HOG_MARK) && cmd.at(-2) === String(pid) && state !== 'Z') found.push(Number(entry))
    } catch {}
  }
  return found
}

/**
 * Lowers a hog's priority to the least: its busy loop then takes only CPU no other process wants.
 * These tests are about starting and stopping hogs, not about the load, and the suite around them
 * is CPU-bound (`pnpm test:busy` itself keeps its hogs at the normal priority).
 */
function yieldingHogs(pid: number): boolean {
  const hogs = hogsOf(pid)
  for (const hog of hogs) {
    try {
      setPriority(hog, 19)
    } catch {} // gone already
  }
  return hogs.length > 0
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (const end = Date.now() + SAFETY_NET; !check(); await sleep(20)) {
    if (Date.now() > end) throw new Error(`never ${what}`)
  }
}

function startBusy(args: string[], waitMs: number) {
  const child = spawn(process.execPath, [SCRIPT, ...args, '--root', SUITE], {
    detached: true, // its own group: the test can stop the whole of it, Vitest included
    env: { ...process.env, BUSY_FIXTURE_WAIT_MS: String(waitMs), FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  const pid = child.pid ?? 0
  return { pid, exited, output: () => output, stopGroup: () => process.kill(-pid, 'SIGKILL') }
}

test('runs the suite the given number of times under CPU hogs, then stops every hog', {
  timeout: SAFETY_NET * 2,
}, async () => {
  const busy = startBusy(['--runs', '2', '--hogs', '1'], 0)
  try {
    await until(
      // Or the first run is over: the hog may be gone by the time this looks, on a slow machine.
      () => yieldingHogs(busy.pid) || busy.output().includes('test:busy: run 1:'),
      'saw its hog',
    )
    expect(await busy.exited, busy.output()).toBe(0)
    expect(busy.output()).toMatch(/test:busy: run 1: passed in \d+ s, seed \d+/)
    expect(busy.output()).toMatch(/test:busy: run 2: passed in \d+ s, seed \d+/)
    expect(busy.output()).toContain('test:busy: 2 run(s) in a row passed under load')
    expect(hogsOf(busy.pid)).toEqual([])
  } finally {
    try {
      busy.stopGroup()
    } catch {}
  }
})

test('its hogs stop by themselves when it is killed by SIGKILL mid-run', {
  timeout: SAFETY_NET * 2,
}, async () => {
  const busy = startBusy(['--runs', '1', '--hogs', '1'], SAFETY_NET)
  try {
    await until(() => yieldingHogs(busy.pid) && busy.output().includes('test:busy: run 1 of 1'), 'started')
    process.kill(busy.pid, 'SIGKILL')
    await until(() => hogsOf(busy.pid).length === 0, 'saw its hogs stop')
    expect(hogsOf(busy.pid)).toEqual([])
  } finally {
    busy.stopGroup() // the Vitest run it started, still waiting in its fixture test
  }
})

test('a count that is not a whole number stops it at once, naming the option', async () => {
  const busy = startBusy(['--runs', 'three'], 0)
  expect(await busy.exited).toBe(64)
  expect(busy.output()).toContain('test:busy: --runs must be a whole number (got "three")')
})
