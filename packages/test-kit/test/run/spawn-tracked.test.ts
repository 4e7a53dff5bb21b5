// spawnTracked and runTracked: a test's processes carry the run's mark, and stopping one ends
// everything it started, children in a process group of their own included.
import { describe, expect, inject, test } from 'vitest'
import { runTracked, spawnTracked } from '../../src/index.ts'
import { isAlive, readProcTable } from '../../src/provision/process-table.ts'
import { runMark } from '../../src/provision/run-cleanup.ts'

/** Alive and not a zombie (an orphan's zombie lingers until PID 1 reaps it). */
const running = (pid: number) => isAlive(pid)
const marksOf = (pid: number) => readProcTable().get(pid)?.marks ?? []

/** A node process that starts a child in a group of its own (as pnpm runs its script), prints its pid. */
const PARENT_OF_DETACHED = `
const { spawn } = require('node:child_process')
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' })
console.log('child ' + child.pid)
setInterval(() => {}, 1000)
`

describe('spawnTracked', { timeout: 60_000 }, () => {
  test("marks the process as the run's and as its own, and stop ends it", async () => {
    await using sleeper = spawnTracked('/bin/sh', ['-c', 'echo up; exec sleep 300'])
    await sleeper.waitForOutput('up')
    const run = runMark(inject('tenantkit').runDir)
    const marks = marksOf(sleeper.pid)
    expect(marks).toContain(run)
    expect(marks.filter((mark) => mark.startsWith(`${run}/`))).toHaveLength(1)
    const exit = await sleeper.stop()
    expect(exit.signal).toBe('SIGTERM')
    expect(running(sleeper.pid)).toBe(false)
  })

  test('a process given an environment of its own carries the marks too', async () => {
    await using parent = spawnTracked('/bin/sh', ['-c', 'echo up; exec sleep 300'], {
      env: { PATH: process.env.PATH, ONLY: 'this' },
    })
    await parent.waitForOutput('up')
    expect(marksOf(parent.pid)).toContain(runMark(inject('tenantkit').runDir))
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
  test('returns the exit code and what the process printed', async () => {
    const result = await runTracked('/bin/sh', ['-c', 'echo out; echo err >&2; exit 2'])
    expect(result).toMatchObject({ code: 2, signal: null, stdout: 'out\n', stderr: 'err\n' })
    expect(running(result.pid)).toBe(false)
  })
})
