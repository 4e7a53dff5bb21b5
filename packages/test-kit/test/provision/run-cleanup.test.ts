// Ending a run folder when something still works in it: what an interrupted start can leave (an
// archive being unpacked, an initdb) would otherwise fill the folder again as it is removed, or
// recreate it, and the run would leave it behind.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { scratchDir, spawnTracked } from '../../src/index.ts'
import { markedEnv, markedProcesses } from '../../src/provision/marked-processes.ts'
import { cleanUpRunDir, runMark } from '../../src/provision/run-cleanup.ts'
import { eventually } from './child-run/run-child.ts'

// Recreates its folder as fast as it can, as `mkdir -p` (initdb's) would, and ignores SIGTERM.
const REFILL = 'trap "" TERM; while :; do mkdir -p "$0/data/base"; : > "$0/data/base/file"; done'

test('a process still filling a run folder is ended and the folder removed', async () => {
  using work = scratchDir('run-cleanup')
  const runDir = join(work.path, 'tenantkit-0badcafe')
  mkdirSync(runDir)
  writeFileSync(join(runDir, 'owner.pid'), '1')
  // A folder whose name only begins the same belongs to another run.
  const otherRun = `${runDir}0`
  const marked = (dir: string) => ({ env: markedEnv(process.env, runMark(dir)) })
  await using filler = spawnTracked('/bin/sh', ['-c', REFILL, runDir], marked(runDir))
  await using bystander = spawnTracked('/bin/sh', ['-c', 'sleep 60; :'], marked(otherRun))
  expect(await eventually(() => existsSync(join(runDir, 'data/base/file')))).toBe(true)

  await cleanUpRunDir(runDir, 200)

  expect(existsSync(runDir)).toBe(false)
  expect((await filler.exited).signal).toBe('SIGKILL')
  expect(await markedProcesses(runMark(runDir))).toEqual([])
  expect((await markedProcesses(runMark(otherRun))).map((info) => info.pid)).toContain(bystander.pid)
})
