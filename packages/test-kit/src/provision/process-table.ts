// A snapshot of the machine's processes — pid, parent, group and the run marks in their
// environment (marked-processes.ts) — read from /proc where there is one and from `ps` elsewhere
// (macOS; `ps e` prints a process's environment after its command, there and with procps).
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { promisify } from 'node:util'

export type ProcessInfo = {
  pid: number
  ppid: number
  pgid: number
  /** The value of TENANTKIT_MARKS in its environment, split on commas ([] when it has none). */
  marks: string[]
  /** TENANTKIT_STOP_SIGNAL in its environment: the signal it is stopped with (PostgreSQL: SIGQUIT). */
  stopSignal: NodeJS.Signals | undefined
  /** TENANTKIT_STOP_MS in its environment: how long it gets to end after that signal. */
  stopMs: number | undefined
}

export type ProcessTable = Map<number, ProcessInfo>

export const MARKS_VAR = 'TENANTKIT_MARKS'
export const STOP_SIGNAL_VAR = 'TENANTKIT_STOP_SIGNAL'
export const STOP_MS_VAR = 'TENANTKIT_STOP_MS'

const HAS_PROC = existsSync('/proc/self/stat')

export async function readProcessTable(): Promise<ProcessTable> {
  return HAS_PROC ? readProcTable() : readPsTable()
}

/** Live processes from /proc (zombies left out: they are dead, only not yet reaped). */
export function readProcTable(): ProcessTable {
  const table: ProcessTable = new Map()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const info = readProcEntry(Number(entry))
    if (info) table.set(info.pid, info)
  }
  return table
}

/** One process from /proc, or undefined when it is gone (or a zombie). */
function readProcEntry(pid: number): ProcessInfo | undefined {
  const fields = liveStatFields(pid)
  if (!fields) return undefined
  let environ: string
  try {
    environ = readFileSync(`/proc/${pid}/environ`, 'utf8')
  } catch {
    // Gone, or another user's (whose environment we may not read: none of ours).
    return undefined
  }
  return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), ...marksIn(environ.split('\0')) }
}

/** The fields of /proc/<pid>/stat after the command name, or undefined when it is gone or a zombie. */
function liveStatFields(pid: number): string[] | undefined {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined
  }
  // The command name is in parentheses and may itself hold spaces or ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return fields[0] === 'Z' || fields[0] === 'X' ? undefined : fields
}

export async function readPsTable(): Promise<ProcessTable> {
  const { stdout } = await promisify(execFile)(
    'ps',
    ['-A', '-ww', 'e', '-o', 'pid=,ppid=,pgid=,stat=,command='],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  const table: ProcessTable = new Map()
  for (const line of stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line)
    if (!match || match[4]?.startsWith('Z')) continue
    const pid = Number(match[1])
    const words = (match[5] ?? '').split(' ')
    table.set(pid, { pid, ppid: Number(match[2]), pgid: Number(match[3]), ...marksIn(words) })
  }
  return table
}

/** The marks and how to stop the process, among `NAME=value` entries. */
function marksIn(entries: string[]): Pick<ProcessInfo, 'marks' | 'stopSignal' | 'stopMs'> {
  const found: Pick<ProcessInfo, 'marks' | 'stopSignal' | 'stopMs'> = {
    marks: [],
    stopSignal: undefined,
    stopMs: undefined,
  }
  for (const entry of entries) {
    const [name, value = ''] = [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]
    if (name === MARKS_VAR) found.marks = value.split(',')
    else if (name === STOP_SIGNAL_VAR) found.stopSignal = value as NodeJS.Signals
    else if (name === STOP_MS_VAR && /^\d+$/.test(value)) found.stopMs = Number(value)
  }
  return found
}

/** The command line of `pid` (arguments joined by spaces), or undefined when it is gone. */
export function commandLineOf(pid: number): string | undefined {
  try {
    if (HAS_PROC) return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
}

/** Sends `signal` to `pid` (a negative pid: its process group); nothing if it is gone already. */
export function sendSignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal)
  } catch {
    // Already gone.
  }
}

/** True while `pid` runs; a zombie (ended, not yet reaped by its parent or PID 1) counts as gone. */
export function isAlive(pid: number): boolean {
  return HAS_PROC ? liveStatFields(pid) !== undefined : answersSignal(pid)
}

/** kill(pid, 0): whether a process exists, even one not ours (EPERM). */
function answersSignal(target: number): boolean {
  try {
    process.kill(target, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
