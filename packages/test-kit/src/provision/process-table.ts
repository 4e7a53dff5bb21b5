// A snapshot of the machine's processes (pid, parent, group, start time), read from /proc where
// there is one and from `ps` elsewhere (macOS). The start time tells a process from a later one
// that got the same pid.
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { promisify } from 'node:util'

export type ProcessInfo = {
  pid: number
  ppid: number
  pgid: number
  /** Opaque, compared for equality only: clock ticks since boot (/proc) or `ps`'s lstart. */
  startTime: string
}

export type ProcessTable = Map<number, ProcessInfo>

const HAS_PROC = existsSync('/proc/self/stat')

export async function readProcessTable(): Promise<ProcessTable> {
  return HAS_PROC ? readProcTable() : readPsTable()
}

/** Live processes from /proc (zombies left out: they are dead, only not yet reaped). */
export function readProcTable(): ProcessTable {
  const table: ProcessTable = new Map()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const info = readProcStat(Number(entry))
    if (info) table.set(info.pid, info)
  }
  return table
}

/** One process from /proc, or undefined when it is gone (or a zombie). */
export function readProcStat(pid: number): ProcessInfo | undefined {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined
  }
  // Fields after the command name, which is in parentheses and may itself hold spaces or ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  if (fields[0] === 'Z' || fields[0] === 'X') return undefined
  return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), startTime: fields[19] ?? '' }
}

export async function readPsTable(): Promise<ProcessTable> {
  const { stdout } = await promisify(execFile)('ps', ['-A', '-o', 'pid=,ppid=,pgid=,stat=,lstart='])
  const table: ProcessTable = new Map()
  for (const line of stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.+?)\s*$/.exec(line)
    if (!match || match[4]?.startsWith('Z')) continue
    const pid = Number(match[1])
    table.set(pid, { pid, ppid: Number(match[2]), pgid: Number(match[3]), startTime: match[5] ?? '' })
  }
  return table
}

/** The start time of `pid` as the table reports it, or undefined when it is gone. */
export function startTimeOf(pid: number): string | undefined {
  if (HAS_PROC) return readProcStat(pid)?.startTime
  try {
    return execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
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

/** Live processes other than this one whose command line names `path` (a folder a run owns). */
export function processesNaming(path: string): number[] {
  const found: number[] = []
  if (HAS_PROC) {
    for (const pid of readProcTable().keys()) {
      if (pid !== process.pid && names(commandLineOf(pid) ?? '', path)) found.push(pid)
    }
    return found
  }
  const lines = execFileSync('ps', ['-A', '-o', 'pid=,args='], { encoding: 'utf8' }).split('\n')
  for (const line of lines) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line)
    const pid = Number(match?.[1])
    if (match && pid !== process.pid && names(match[2] ?? '', path)) found.push(pid)
  }
  return found
}

/** Whether `command` names `path` or something inside it (not merely a longer name it begins). */
function names(command: string, path: string): boolean {
  for (let at = command.indexOf(path); at !== -1; at = command.indexOf(path, at + 1)) {
    const next = command[at + path.length]
    if (next === undefined || next === '/' || next === ' ' || next === '"' || next === "'") return true
  }
  return false
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
  return HAS_PROC ? readProcStat(pid) !== undefined : answersSignal(pid)
}

/** True while any process of group `pgid` is left (zombies included: the kernel still lists them). */
export const isGroupAlive = (pgid: number): boolean => answersSignal(-pgid)

/** kill(target, 0): whether a process (or, negative, a group) exists, even one not ours (EPERM). */
function answersSignal(target: number): boolean {
  try {
    process.kill(target, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
