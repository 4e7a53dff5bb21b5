// Factories for one Vitest test: faker seeded from the run's seed (or TEST_SEED) and the test's
// full name, and the seed printed with a replay command when the test fails.
import { randomInt } from 'node:crypto'
import {
  createFactories,
  type DataModel,
  type Factories,
  type FactoriesSpec,
  type FactoryClient,
  type FactoryOptions,
  hashSeed,
} from '@tenantkit/factories'
import { readVitestSeed } from '@tenantkit/factories/seed'
import { inject, type TestContext } from 'vitest'
import '../provision/context.ts'
import { readSettings } from '../provision/settings.ts'

// Without Vitest's seed (never expected) one random base per process still gives each test its
// own data, and is printed on failure like any other.
const fallbackSeed = randomInt(2 ** 31)

/** The base seed of this run: TEST_SEED, else Vitest's `sequence.seed`. */
export function runSeed(): number {
  return readSettings().seed ?? readVitestSeed() ?? fallbackSeed
}

/**
 * Factories for the current test (what the `factories` fixture returns).
 * @example
 * test('lists content', async ({ db, task, onTestFailed }) => {
 *   const factories = createTestFactories(db, appFactories, { task, onTestFailed })
 * })
 * // a failure prints: TEST_SEED=1732471234567 npx vitest run test/x.test.ts -t "lists content" (pnpm exec vitest … under pnpm)
 */
export function createTestFactories<DM extends DataModel, C, E>(
  db: FactoryClient | (() => FactoryClient),
  spec: FactoriesSpec<DM, C, E>,
  context: Pick<TestContext, 'task' | 'onTestFailed'>,
  options: Omit<FactoryOptions, 'seed'> = {},
): Factories<DM, C, E> {
  const base = runSeed()
  const { task } = context
  const factories = createFactories(db, spec, {
    seed: hashSeed(base, task.fullName),
    runId: options.runId ?? currentRunId(),
    ...options,
  })
  context.onTestFailed(() => {
    console.info(
      `[tenantkit] factories seed ${base} (this test: ${factories.$seed}). Replay its data with:\n  ${replayCommand(base, task.file.name, task.name, task.file.projectName)}`,
    )
  })
  return factories
}

/** The shell command that reruns one test with the given seed (`-t` takes a pattern, hence the escaping). */
export function replayCommand(
  seed: number,
  file: string,
  testName: string,
  project?: string,
  vitest = vitestCommand(),
): string {
  const pattern = testName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll("'", "'\\''")
  return `TEST_SEED=${seed} ${vitest} run ${project ? `--project ${project} ` : ''}${file} -t '${pattern}'`
}

/** How this run's user starts Vitest: their package manager's runner (npm's user agent says which). */
export function vitestCommand(userAgent = process.env.npm_config_user_agent ?? ''): string {
  if (userAgent.startsWith('pnpm/')) return 'pnpm exec vitest'
  if (userAgent.startsWith('yarn/')) return 'yarn vitest'
  if (userAgent.startsWith('bun/')) return 'bunx vitest'
  return 'npx vitest'
}

function currentRunId(): string | undefined {
  try {
    return inject('tenantkit')?.runId
  } catch {
    // A project without the kit's globalSetup: the namespace falls back to a per-process tag.
    return undefined
  }
}
