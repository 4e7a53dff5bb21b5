// With module isolation off (defineKitProject's default), files of one worker share modules, but
// not the kit's state: a child run puts two files in one worker and each checks it inherits no
// rows, clones or connections from the other (shared-worker/leak-tests.ts).
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify, stripVTControlCharacters } from 'node:util'
import { expect, inject, test } from 'vitest'

const require = createRequire(import.meta.url)
const VITEST = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs')
const CONFIG = fileURLToPath(new URL('./shared-worker/vitest.config.ts', import.meta.url))

type Probe = { file: string; pid: number; before: string[] }

test('two files in one non-isolated worker share modules but none of the kit state', async () => {
  // The child uses this run's server as an external one: no second PostgreSQL to start.
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [VITEST, 'run', '--config', CONFIG, '--sequence.shuffle'],
    {
      env: { ...process.env, TEST_DATABASE_URL: inject('tenantkit').adminUrl, FORCE_COLOR: '0' },
    },
  ).catch((error: { stdout: string; stderr: string }) => {
    throw new Error(`the child run failed:\n${error.stdout}\n${error.stderr}`)
  })
  const output = stripVTControlCharacters(`${stdout}\n${stderr}`)
  expect(output, output).toMatch(/Tests\s+6 passed/)
  const probes = [...output.matchAll(/LEAK-PROBE (\{.*\})/g)].map((m) => JSON.parse(m[1] ?? '{}') as Probe)
  expect(probes.map((p) => p.file).sort()).toEqual(['first', 'second'])
  // One process, and the second file saw the first's module state: isolation really was off.
  expect(new Set(probes.map((p) => p.pid)).size, output).toBe(1)
  expect(probes.map((p) => p.before.length).sort(), output).toEqual([0, 1])
}, 120_000)
