// The run's registry of process groups, read by whoever ends the run: a dead run's registered
// groups are stopped by the next run, and a record whose pid now names another process is left alone.
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { scratchDir, spawnTracked } from '../../src/index.ts'
import { registerGroup, stopGroup } from '../../src/provision/process-groups.ts'
import {
  isAlive,
  readProcStat,
  readProcTable,
  readPsTable,
  startTimeOf,
} from '../../src/provision/process-table.ts'
import { reapDeadRunDirs } from '../../src/provision/state-dir.ts'
import { eventually } from './child-run/run-child.ts'

test('the next run stops the groups a dead run registered, then removes its folder', async () => {
  using root = scratchDir('reap')
  const deadRun = join(root.path, 'tenantkit-deadbeef')
  mkdirSync(deadRun)
  const gone = spawn('/bin/true')
  await new Promise((resolve) => gone.on('close', resolve))
  writeFileSync(join(deadRun, 'owner.pid'), String(gone.pid))
  // Spawned untracked on purpose, as a run killed before it could stop it left it.
  const orphan = spawn('/bin/sh', ['-c', 'exec sleep 300'], { detached: true, stdio: 'ignore' })
  const pid = orphan.pid ?? 0
  try {
    registerGroup(deadRun, {
      pgid: pid,
      startTime: startTimeOf(pid) ?? '',
      command: 'sleep 300',
      graceMs: 5000,
    })
    expect(await reapDeadRunDirs(root.path)).toEqual([deadRun])
    expect(await eventually(() => readProcStat(pid) === undefined)).toBe(true)
  } finally {
    orphan.kill('SIGKILL')
  }
}, 30_000)

test('a record whose leader pid now belongs to another process is left alone', async () => {
  await using other = spawnTracked('/bin/sh', ['-c', 'echo up; exec sleep 300'])
  await other.waitForOutput('up')
  const stale = { pgid: other.pid, startTime: 'an earlier process', command: 'gone', graceMs: 100 }
  expect(await stopGroup(stale)).toBe(false)
  expect(isAlive(other.pid)).toBe(true)
})

test('ps (where there is no /proc) and /proc describe this process alike', async () => {
  const fromPs = (await readPsTable()).get(process.pid)
  const fromProc = readProcTable().get(process.pid)
  expect(fromPs).toMatchObject({ ppid: fromProc?.ppid, pgid: fromProc?.pgid })
  expect(fromPs?.startTime).toMatch(/\d\d:\d\d:\d\d/)
})
