// Runs the child project in a Vitest process of its own, tracked as this run's (so a test
// that fails midway, or an interrupted run, leaves no Vitest, server or container behind).
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runTracked, spawnTracked, type TrackedProcess } from '../../../src/index.ts'

const require = createRequire(import.meta.url)
export const VITEST = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs')
const CONFIG = fileURLToPath(new URL('./vitest.config.ts', import.meta.url))

export type ChildResult = { code: number | null; signal: NodeJS.Signals | null; output: string }

/** The environment of a child run: this one's, without the kit's provider settings, plus `env`. */
export function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TEST_DB_PROVIDER: undefined,
    TEST_DATABASE_URL: undefined,
    ...env,
    FORCE_COLOR: '0',
  }
}

/** Starts `vitest run` on `config` (default: this folder's child project), then `args`. */
export function startChildRun(
  env: Record<string, string | undefined>,
  config: string = CONFIG,
  args: string[] = [],
): TrackedProcess {
  return spawnTracked(process.execPath, [VITEST, 'run', '--config', config, ...args], { env: childEnv(env) })
}

export async function runChild(env: Record<string, string | undefined>): Promise<ChildResult> {
  const { code, signal, output } = await runTracked(process.execPath, [VITEST, 'run', '--config', CONFIG], {
    env: childEnv(env),
  })
  return { code, signal, output }
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

/**
 * Polls `check` until it returns true, every 100 ms. `timeoutMs` is a safety net for a check that
 * never holds (the caller then fails, saying what was left), far above what a busy machine needs:
 * a true check ends the wait at once, so the net costs nothing when all is well.
 */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<boolean> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return check()
}
