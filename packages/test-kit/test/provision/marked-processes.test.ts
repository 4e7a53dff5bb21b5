// What a run started is found by the mark in its environment: a dead run's processes are ended by
// the next run, whichever group or parent they have by then, and a process of another run, or one
// whose pid merely names the same folder, is left alone.
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { scratchDir, spawnTracked } from '../../src/index.ts'
import { markedEnv, markedProcesses, stopMarked } from '../../src/provision/marked-processes.ts'
import { isAlive, readProcTable, readPsTable } from '../../src/provision/process-table.ts'
import { reapDeadRunDirs } from '../../src/provision/state-dir.ts'
import { eventually } from './child-run/run-child.ts'

/** A process started as a run killed before it could stop it left it: detached, untracked. */
function orphan(mark: string, script = 'exec sleep 300') {
  const child = spawn('/bin/sh', ['-c', script], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: markedEnv(process.env, mark),
  })
  return child
}

test("the next run ends a dead run's processes, then removes its folder; another run's stay", async () => {
  using root = scratchDir('reap')
  const deadRun = join(root.path, 'tenantkit-deadbeef')
  mkdirSync(deadRun)
  const gone = spawn('/bin/true')
  await new Promise((resolve) => gone.on('close', resolve))
  writeFileSync(join(deadRun, 'owner.pid'), String(gone.pid))
  const left = orphan('tenantkit-deadbeef')
  // A run whose name begins the same is another run.
  const other = orphan('tenantkit-deadbeef0')
  try {
    expect(await reapDeadRunDirs(root.path)).toEqual([deadRun])
    expect(await eventually(() => !isAlive(left.pid ?? 0))).toBe(true)
    expect(isAlive(other.pid ?? 0)).toBe(true)
  } finally {
    left.kill('SIGKILL')
    other.kill('SIGKILL')
  }
}, 30_000)

test('the topmost marked processes get their own stop signal (a postmaster: SIGQUIT)', async () => {
  const mark = 'tenantkit-stopsignal'
  const child = spawn(
    '/bin/sh',
    ['-c', 'trap "echo quit; exit 0" QUIT; echo up; while :; do sleep 0.1; done'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
      env: markedEnv(process.env, mark, { signal: 'SIGQUIT' }),
    },
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  try {
    expect(await eventually(() => output.includes('up'))).toBe(true)
    expect(await stopMarked(mark, 'SIGTERM', 30_000)).toBe(true)
    expect(await eventually(() => output.includes('quit'))).toBe(true)
    expect(await markedProcesses(mark)).toEqual([])
  } finally {
    child.kill('SIGKILL')
  }
})

test('a child forked while its parent is killed is found and ended too', async () => {
  const mark = 'tenantkit-forker'
  // Starts a new child every 10 ms, and ignores SIGTERM: it forks on after the run's signal.
  const forker = orphan(mark, 'trap "" TERM; while :; do sleep 300 & sleep 0.01; done')
  try {
    expect(await eventually(async () => (await markedProcesses(mark)).length > 3)).toBe(true)
    expect(await stopMarked(mark, 'SIGTERM', 100)).toBe(true)
    expect(await markedProcesses(mark)).toEqual([])
  } finally {
    forker.kill('SIGKILL')
  }
})

test('nothing marked: stopMarked says so and signals nobody', async () => {
  await using bystander = spawnTracked('/bin/sh', ['-c', 'echo up; exec sleep 300'])
  await bystander.waitForOutput('up')
  expect(await stopMarked('tenantkit-nobody', 'SIGKILL', 0)).toBe(false)
  expect(isAlive(bystander.pid)).toBe(true)
})

test('ps (where there is no /proc) and /proc describe a marked process alike', async () => {
  await using marked = spawnTracked('/bin/sh', ['-c', 'echo up; exec sleep 300'])
  await marked.waitForOutput('up')
  const fromPs = (await readPsTable()).get(marked.pid)
  const fromProc = readProcTable().get(marked.pid)
  expect(fromProc?.marks.length).toBeGreaterThanOrEqual(2)
  expect(fromPs).toEqual(fromProc)
})
