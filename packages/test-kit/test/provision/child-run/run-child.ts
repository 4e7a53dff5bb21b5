// Runs the child project in its own process (group) and reports its output and exit.
import { type ChildProcess, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const VITEST = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs')
const CONFIG = fileURLToPath(new URL('./vitest.config.ts', import.meta.url))

export type ChildResult = { code: number | null; signal: NodeJS.Signals | null; output: string }

export type ChildRun = {
  child: ChildProcess
  /** Resolves once the output contains `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>
  done: Promise<ChildResult>
}

const started = new Set<ChildProcess>()

/** Kills every child run still alive (and its process group): call it in afterEach, so a test
 * that fails midway leaves no Vitest, server or container behind. */
export function killStartedChildren(): void {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
    }
  }
  started.clear()
}

export function startChildRun(env: Record<string, string | undefined>): ChildRun {
  const child = spawn(process.execPath, [VITEST, 'run', '--config', CONFIG], {
    env: {
      ...process.env,
      TEST_DB_PROVIDER: undefined,
      TEST_DATABASE_URL: undefined,
      ...env,
      FORCE_COLOR: '0',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  started.add(child)
  let output = ''
  const waiters: { text: string; resolve: () => void; reject: (error: Error) => void }[] = []
  const onData = (chunk: Buffer) => {
    output += chunk.toString()
    for (const waiter of waiters.filter((w) => output.includes(w.text))) {
      waiters.splice(waiters.indexOf(waiter), 1)
      waiter.resolve()
    }
  }
  child.stdout?.on('data', onData)
  child.stderr?.on('data', onData)
  const done = new Promise<ChildResult>((resolve) => {
    child.on('close', (code, signal) => {
      for (const waiter of waiters.splice(0))
        waiter.reject(new Error(`child exited before "${waiter.text}":\n${output}`))
      resolve({ code, signal, output })
    })
  })
  return {
    child,
    done,
    waitFor: (text, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        if (output.includes(text)) return resolve()
        const timer = setTimeout(
          () => reject(new Error(`child never printed "${text}":\n${output}`)),
          timeoutMs,
        )
        waiters.push({
          text,
          resolve: () => {
            clearTimeout(timer)
            resolve()
          },
          reject: (error) => {
            clearTimeout(timer)
            reject(error)
          },
        })
      }),
  }
}

export function runChild(env: Record<string, string | undefined>): Promise<ChildResult> {
  return startChildRun(env).done
}

/** Pids of live processes whose command line mentions `text` (e.g. a data folder). */
export function processesMentioning(text: string): { pid: number; cmd: string }[] {
  const found: { pid: number; cmd: string }[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ')
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.[0]
      if (cmd.includes(text) && state !== 'Z') found.push({ pid: Number(entry), cmd })
    } catch {}
  }
  return found
}

/** Polls `check` until it returns true or the time is up. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (check()) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return check()
}
