// Sequences: numbers that never repeat within one set of factories, and a namespace that keeps
// the unique columns (users.email, organizations.slug) apart across parallel Vitest workers,
// test files and runs, where faker alone can collide.
import { randomBytes } from 'node:crypto'
import { SequenceNamespaceError } from './errors.ts'

let instances = 0
// Outside Vitest (a seed script, the benchmark) there is no run id: a random tag per process
// keeps two invocations against one persistent database apart.
const processTag = randomBytes(2).toString('hex')

/**
 * The namespace of one set of factories: `<run>w<worker>i<instance>`, e.g. `4f2aw3i7`.
 * - run: the first 4 characters of the run id (the tenantkit run, or a random tag per process);
 * - worker: VITEST_WORKER_ID (unique per test-file run within a Vitest run), else VITEST_POOL_ID,
 *   else `p<pid>`;
 * - instance: a counter per process, so two sets of factories in one worker differ too.
 */
// VITEST_WORKER_ID and VITEST_POOL_ID are read here rather than passed in like settings: no user sets
// them (Vitest does, per worker, as the OS sets a pid), and factories made outside the kit's fixtures
// (kit.createFactories in a test) need them for uniqueness just the same.
export function defaultNamespace(runId?: string, env: NodeJS.ProcessEnv = process.env): string {
  const run =
    (runId ?? processTag)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 4) || processTag
  const worker = env.VITEST_WORKER_ID ?? env.VITEST_POOL_ID ?? `p${process.pid}`
  return `${run}w${worker.replace(/[^a-z0-9]/gi, '').toLowerCase()}i${(++instances).toString(36)}`
}

const NAMESPACE = /^[a-z0-9]+$/

/** Named counters of one set of factories. */
export class Sequences {
  readonly namespace: string
  readonly #counters = new Map<string, number>()

  constructor(namespace: string) {
    if (!NAMESPACE.test(namespace)) {
      throw new SequenceNamespaceError(
        `The factories' sequenceNamespace must be lowercase letters and digits (it goes into e-mail addresses and slugs); got "${namespace}". Pass one such as "seed1" (createFactories(db, spec, { sequenceNamespace })), or leave it out for one per run and worker.`,
      )
    }
    this.namespace = namespace
  }

  /** 1, 2, 3… per name. */
  next(name: string): number {
    const n = (this.#counters.get(name) ?? 0) + 1
    this.#counters.set(name, n)
    return n
  }

  /** `<n>-<namespace>`: unique across workers and runs, safe in slugs and e-mail local parts. */
  unique(name: string): string {
    return `${this.next(name)}-${this.namespace}`
  }
}
