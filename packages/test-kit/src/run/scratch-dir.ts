// Scratch folders for tests, inside the run's folder under the state root (on the RAM disk when
// there is one), so the run removes them even when a test cannot: its teardown, its watchdog if
// the Vitest process is killed, or the next run.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { currentRunDir } from './current-run.ts'

export type ScratchDir = {
  path: string
  /** Removes the folder now (the run removes it at its end anyway). */
  [Symbol.dispose](): void
}

/**
 * A fresh, empty folder `<run folder>/scratch/<label>-XXXXXX`, which the postgres user can enter
 * (an embedded PostgreSQL may keep its data in it).
 * @example
 * using work = scratchDir('prisma')
 * cpSync('prisma', join(work.path, 'prisma'), { recursive: true })
 */
export function scratchDir(label: string): ScratchDir {
  const parent = join(currentRunDir('scratchDir()'), 'scratch')
  mkdirSync(parent, { recursive: true, mode: 0o755 })
  const path = mkdtempSync(join(parent, `${label}-`))
  chmodSync(path, 0o755)
  return {
    path,
    [Symbol.dispose]() {
      rmSync(path, { recursive: true, force: true, maxRetries: 3 })
    },
  }
}
