// Processes a test spawns (its app's server, a CLI, a child Vitest run), marked as the run's
// (marked-processes.ts), so they end with it whatever happens: the test stops them, else the run's
// teardown, else — when the Vitest process is killed — the run's watchdog or the next run.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { ProcessWaitError } from '../errors.ts'
import { markedEnv, stopMarked } from '../provision/marked-processes.ts'
import { runMark } from '../provision/run-cleanup.ts'
import { currentRunDir } from './current-run.ts'

export type SpawnTrackedOptions = {
  cwd?: string
  /** The process's whole environment (default: this process's). */
  env?: NodeJS.ProcessEnv
  /** 'pipe' to write to `child.stdin`; default 'ignore'. */
  stdin?: 'ignore' | 'pipe'
  /** How long it and its children get to end after SIGTERM before SIGKILL (default 10 s). */
  stopTimeoutMs?: number
}

export type TrackedExit = { code: number | null; signal: NodeJS.Signals | null }

export type TrackedProcess = {
  readonly child: ChildProcess
  readonly pid: number
  /** What it printed so far, stdout and stderr interleaved. */
  readonly output: string
  readonly stdout: string
  readonly stderr: string
  /** Resolves with the output once it matches `pattern`; rejects if the process exits first or
   * after `timeoutMs` (default 60 s). */
  waitForOutput(pattern: RegExp | string, timeoutMs?: number): Promise<string>
  /** Settles once the process has exited and its output is complete; rejects if it could not start. */
  readonly exited: Promise<TrackedExit>
  /** Sends `signal` (default SIGTERM) to its process group and resolves once it and every process
   * it started have ended (SIGKILL after `stopTimeoutMs`). */
  stop(signal?: NodeJS.Signals): Promise<TrackedExit>
  [Symbol.asyncDispose](): Promise<void>
}

export type TrackedResult = TrackedExit & { pid: number; stdout: string; stderr: string; output: string }

const DEFAULT_STOP_TIMEOUT_MS = 10_000
const DEFAULT_WAIT_MS = 60_000

/**
 * Spawns `command` in a process group of its own, marked as the run's and as its own.
 * @example
 * await using api = spawnTracked('pnpm', ['dev'], { cwd: API_DIR, env: { ...process.env, PORT: '0' } })
 * const banner = await api.waitForOutput(/ready at (\S+)/)
 * // leaving the scope stops pnpm, the server and everything they started
 */
export function spawnTracked(
  command: string,
  args: readonly string[],
  options: SpawnTrackedOptions = {},
): TrackedProcess {
  const run = runMark(currentRunDir('spawnTracked()'))
  const graceMs = options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS
  // Its own mark, within the run's: what carries it is this process and all it starts.
  const mark = `${run}/${randomBytes(4).toString('hex')}`
  // Its own group (setsid): the whole group can be signalled, a terminal's Ctrl-C does not reach
  // it, and the run decides when it ends.
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: markedEnv(markedEnv(options.env ?? process.env, run), mark, { graceMs }),
    detached: true,
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
  })
  const pid = child.pid ?? 0
  const description = [command, ...args].join(' ')

  let stdout = ''
  let stderr = ''
  let output = ''
  const listeners = new Set<() => void>()
  const onData = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    const text = chunk.toString()
    if (stream === 'stdout') stdout += text
    else stderr += text
    output += text
    for (const listener of listeners) listener()
  }
  child.stdout?.on('data', onData('stdout'))
  child.stderr?.on('data', onData('stderr'))
  let ended = false
  const exited = new Promise<TrackedExit>((resolve, reject) => {
    const end = () => {
      ended = true
      for (const listener of listeners) listener()
    }
    child.once('error', (error) => {
      reject(error)
      end()
    })
    child.once('close', (code, signal) => {
      resolve({ code, signal })
      end()
    })
  })
  // A process that could not start rejects `exited`: unhandled only if nobody awaits it.
  exited.catch(() => undefined)

  const waitForOutput = (pattern: RegExp | string, timeoutMs = DEFAULT_WAIT_MS) =>
    new Promise<string>((resolve, reject) => {
      const matches = () => (typeof pattern === 'string' ? output.includes(pattern) : pattern.test(output))
      const done = (error?: Error) => {
        listeners.delete(check)
        clearTimeout(timer)
        if (error) reject(error)
        else resolve(output)
      }
      const check = () => {
        if (matches()) done()
        else if (ended)
          done(new ProcessWaitError(`${description} exited before printing ${pattern}:\n${output}`))
      }
      const timer = setTimeout(
        () =>
          done(
            new ProcessWaitError(`${description} printed no ${pattern} within ${timeoutMs} ms:\n${output}`),
          ),
        timeoutMs,
      )
      listeners.add(check)
      check()
    })

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (pid) await stopMarked(mark, signal, graceMs)
    return exited
  }

  return {
    child,
    pid,
    get output() {
      return output
    },
    get stdout() {
      return stdout
    },
    get stderr() {
      return stderr
    },
    waitForOutput,
    exited,
    stop,
    async [Symbol.asyncDispose]() {
      await stop().catch(() => undefined)
    },
  }
}

/**
 * Runs `command` to its end as a tracked process and returns what it printed; never rejects on a
 * non-zero exit.
 * @example const { code, stdout } = await runTracked(process.execPath, ['bin/cli.ts', 'migrate'])
 */
export async function runTracked(
  command: string,
  args: readonly string[],
  options: Omit<SpawnTrackedOptions, 'stdin'> = {},
): Promise<TrackedResult> {
  const tracked = spawnTracked(command, args, options)
  const exit = await tracked.exited
  return { ...exit, pid: tracked.pid, stdout: tracked.stdout, stderr: tracked.stderr, output: tracked.output }
}
