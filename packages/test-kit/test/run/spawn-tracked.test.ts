// spawnTracked and runTracked: a test's processes are registered with the run while they live,
// and stopping one ends everything it started, children in a process group of their own included.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, inject, test } from 'vitest'
import { runTracked, spawnTracked } from '../../src/index.ts'
import { readProcStat } from '../../src/provision/process-table.ts'
import { eventually } from '../provision/child-run/run-child.ts'

/** Alive and not a zombie (an orphan's zombie lingers until PID 1 reaps it). */
const running = (pid: number) => readProcStat(pid) !== undefined
const registered = (pid: number) => existsSync(join(inject('tenantkit').runDir, 'processes', `${pid}.json`))

/** A node process that starts a child in a group of its own (as pnpm runs its script), prints its pid. */
const PARENT_OF_DETACHED = `
const { spawn } = require('node:child_process')
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' })
console.log('child ' + child.pid)
setInterval(() => {}, 1000)
`

describe('spawnTracked', { timeout: 60_000 }, () => {
  test('registers the process with the run while it lives, and no longer once it has ended', async () => {
    await using sleeper = spawnTracked('/bin/sh', ['-c', 'echo up; exec sleep 300'])
    await sleeper.waitForOutput('up')
    expect(registered(sleeper.pid)).toBe(true)
    const exit = await sleeper.stop()
    expect(exit.signal).toBe('SIGTERM')
    expect(registered(sleeper.pid)).toBe(false)
  })

  test('stop ends a child that moved to a process group of its own, SIGKILL if its parent did not', async () => {
    await using parent = spawnTracked(process.execPath, ['-e', PARENT_OF_DETACHED], { stopTimeoutMs: 1000 })
    const printed = await parent.waitForOutput(/child \d+/)
    const child = Number(/child (\d+)/.exec(printed)?.[1])
    expect(running(child)).toBe(true)
    await parent.stop()
    expect(running(child)).toBe(false)
  })

  test('a process that ignores SIGTERM gets SIGKILL once its stop timeout has passed', async () => {
    await using stubborn = spawnTracked(
      '/bin/sh',
      ['-c', 'trap "" TERM; echo up; while :; do sleep 1; done'],
      {
        stopTimeoutMs: 500,
      },
    )
    await stubborn.waitForOutput('up')
    const exit = await stubborn.stop()
    expect(exit.signal).toBe('SIGKILL')
  })

  test('waitForOutput rejects with what was printed when the process exits first', async () => {
    await using quick = spawnTracked('/bin/sh', ['-c', 'echo partial; exit 3'])
    await expect(quick.waitForOutput('never printed')).rejects.toThrow(/exited before printing.*\n.*partial/s)
    expect((await quick.exited).code).toBe(3)
  })
})

describe('runTracked', () => {
  test('returns the exit code and what the process printed, and unregisters it', async () => {
    const result = await runTracked('/bin/sh', ['-c', 'echo out; echo err >&2; exit 2'])
    expect(result).toMatchObject({ code: 2, signal: null, stdout: 'out\n', stderr: 'err\n' })
    expect(await eventually(() => !registered(result.pid))).toBe(true)
  })
})
