// Process groups a run started (a test's server, a CLI, a child Vitest run), recorded as files in
// the run's folder, so whoever ends the run — its teardown, its watchdog after a SIGKILL, or the
// next run — can stop them, including children that moved to a group of their own.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type ProcessTable, readProcessTable, sendSignal } from './process-table.ts'

export type GroupRecord = {
  /** The group's id: the pid of the process spawned as its leader (`detached: true`). */
  pgid: number
  /** The leader's start time, so a later process that got the same pid is never signalled. */
  startTime: string
  command: string
  /** How long the group gets to end after SIGTERM before SIGKILL. */
  graceMs: number
}

const REGISTRY = 'processes'
const POLL_MS = 100
/** After SIGKILL: how long to wait for the kernel before giving up (a process stuck in I/O). */
const KILL_WAIT_MS = 10_000

export function registerGroup(runDir: string, record: GroupRecord): void {
  mkdirSync(join(runDir, REGISTRY), { recursive: true })
  writeFileSync(join(runDir, REGISTRY, `${record.pgid}.json`), JSON.stringify(record))
}

export function unregisterGroup(runDir: string, pgid: number): void {
  rmSync(join(runDir, REGISTRY, `${pgid}.json`), { force: true })
}

export function registeredGroups(runDir: string): GroupRecord[] {
  let names: string[]
  try {
    names = readdirSync(join(runDir, REGISTRY))
  } catch {
    return []
  }
  const records: GroupRecord[] = []
  for (const name of names) {
    try {
      const record = JSON.parse(readFileSync(join(runDir, REGISTRY, name), 'utf8')) as GroupRecord
      if (Number.isInteger(record.pgid) && record.pgid > 1) records.push(record)
    } catch {
      // Half written by a process killed at that moment: its group is found no other way.
    }
  }
  return records
}

/** Stops every group registered in `runDir`, all at once. */
export async function stopRegisteredGroups(runDir: string): Promise<void> {
  await Promise.all(
    registeredGroups(runDir).map(async (record) => {
      await stopGroup(record)
      unregisterGroup(runDir, record.pgid)
    }),
  )
}

/**
 * Sends `signal` to the group, then waits until every process of it — and every descendant, even
 * one in a group of its own (pnpm runs its script so) — has ended; SIGKILL for what still runs
 * after `graceMs`. A descendant in another group gets the signal from its parent, as pnpm forwards
 * it: signalled directly as well, a program that exits at once on a second signal (`pnpm dev`)
 * would skip its graceful shutdown.
 * Returns false when nothing of the group was running.
 */
export async function stopGroup(record: GroupRecord, signal: NodeJS.Signals = 'SIGTERM'): Promise<boolean> {
  let table = await readProcessTable()
  const members = groupMembers(table, record)
  if (members.size === 0) return false
  signalGroup(record.pgid, signal)
  const killAt = Date.now() + record.graceMs
  for (let killed = false; ; ) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    table = await readProcessTable()
    for (const [pid, startTime] of members) if (table.get(pid)?.startTime !== startTime) members.delete(pid)
    addMembers(table, record, members)
    if (members.size === 0) return true
    if (!killed && Date.now() >= killAt) {
      killed = true
      signalGroup(record.pgid, 'SIGKILL')
      for (const pid of members.keys()) sendSignal(pid, 'SIGKILL')
    }
    if (killed && Date.now() >= killAt + KILL_WAIT_MS) return true
  }
}

/** The group's processes and all their descendants (by parent pid): pid → start time. */
export function groupMembers(table: ProcessTable, record: GroupRecord): Map<number, string> {
  const members = new Map<number, string>()
  addMembers(table, record, members)
  return members
}

/** Adds the group's processes and all their descendants (by parent pid) to `members`. */
function addMembers(table: ProcessTable, record: GroupRecord, members: Map<number, string>): void {
  const leader = table.get(record.pgid)
  // A leader with another start time means the pid was reused, which the kernel does only once
  // no process of the old group is left.
  if (leader && leader.startTime !== record.startTime) return
  for (const info of table.values()) if (info.pgid === record.pgid) members.set(info.pid, info.startTime)
  for (let grew = true; grew; ) {
    grew = false
    for (const info of table.values()) {
      if (!members.has(info.pid) && members.has(info.ppid)) {
        members.set(info.pid, info.startTime)
        grew = true
      }
    }
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  sendSignal(-pgid, signal)
}
