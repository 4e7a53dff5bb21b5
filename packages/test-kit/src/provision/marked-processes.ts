// How the kit finds what a run started: every process it starts (PostgreSQL, initdb, tar, a
// test's server, a CLI, a child Vitest run) carries the run's mark in its environment, and every
// descendant inherits it, whichever process group it moves to and whoever its parent becomes.
// A tracked process carries a mark of its own as well, so it can be stopped alone. Marks are
// comma-separated in TENANTKIT_MARKS: `tenantkit-<runId>` (the run folder's name) and
// `tenantkit-<runId>/<id>`; a run started inside another run's process adds its own.
// docs/decisions/006-a-run-folder-owns-what-tests-start.md says how the pieces fit.
import {
  MARKS_VAR,
  type ProcessInfo,
  readProcessTable,
  STOP_MS_VAR,
  STOP_SIGNAL_VAR,
  sendSignal,
} from './process-table.ts'

const POLL_MS = 50
/** After SIGKILL: how long to wait for the kernel before giving up (a process stuck in I/O). */
const KILL_WAIT_MS = 10_000

/** How a process is stopped, which its descendants inherit with its marks. */
export type StopWith = {
  /** Instead of the caller's (SIGTERM): a postmaster's is SIGQUIT, an immediate shutdown, where
   * SIGTERM would wait for its clients. */
  signal?: NodeJS.Signals
  /** How long it gets to end before SIGKILL, when shorter than what the caller allows. */
  graceMs?: number
}

/** `env` with `mark` added to its marks, and how the process is to be stopped. */
export function markedEnv(env: NodeJS.ProcessEnv, mark: string, stop: StopWith = {}): NodeJS.ProcessEnv {
  const present = env[MARKS_VAR]?.split(',') ?? []
  const marks = [...present.filter((m) => m !== mark), mark].join(',')
  const marked: NodeJS.ProcessEnv = { ...env, [MARKS_VAR]: marks }
  if (stop.signal) marked[STOP_SIGNAL_VAR] = stop.signal
  if (stop.graceMs !== undefined) marked[STOP_MS_VAR] = String(stop.graceMs)
  return marked
}

/** `env` without `mark`: for the run's watchdog, which must outlive what it ends. */
export function unmarkedEnv(env: NodeJS.ProcessEnv, mark: string): NodeJS.ProcessEnv {
  const marks = (env[MARKS_VAR] ?? '').split(',').filter((m) => m && m !== mark)
  const unmarked: NodeJS.ProcessEnv = { ...env, [MARKS_VAR]: marks.join(',') }
  if (marks.length === 0) delete unmarked[MARKS_VAR]
  return unmarked
}

/** Live processes other than this one that carry `mark`. */
export async function markedProcesses(mark: string): Promise<ProcessInfo[]> {
  const table = await readProcessTable()
  return [...table.values()].filter((info) => info.pid !== process.pid && info.marks.includes(mark))
}

/**
 * Ends every process that carries `mark` and resolves once none is left. The topmost ones (whose
 * parent does not carry it) get `signal`, or their own stop signal — sent to their process group
 * when they lead one, so a shell's children get it too; the rest get it from their parents, as
 * pnpm forwards it (signalled directly as well, a program that exits at once on a second signal,
 * `pnpm dev`, would skip its graceful shutdown). Whatever carries the mark once its grace has
 * passed (its own if shorter than `graceMs`), including a child forked by a dying process, gets
 * SIGKILL, on every look until none is left. Returns false when nothing carried the mark.
 */
export async function stopMarked(mark: string, signal: NodeJS.Signals, graceMs: number): Promise<boolean> {
  let marked = await markedProcesses(mark)
  if (marked.length === 0) return false
  const pids = new Set(marked.map((info) => info.pid))
  for (const info of marked) {
    if (pids.has(info.ppid)) continue
    sendSignal(info.pid === info.pgid ? -info.pid : info.pid, info.stopSignal ?? signal)
  }
  const started = Date.now()
  for (;;) {
    const waited = Date.now() - started
    for (const info of marked) {
      if (waited >= Math.min(info.stopMs ?? graceMs, graceMs)) sendSignal(info.pid, 'SIGKILL')
    }
    if (waited >= graceMs + KILL_WAIT_MS) return true
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    marked = await markedProcesses(mark)
    if (marked.length === 0) return true
  }
}
