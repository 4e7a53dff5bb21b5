// .github/workflows/ci.yml, parsed: the matrix, the shard count and the merge step agree; every job
// is bounded; every action is pinned by commit with its version beside it.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are GitHub expressions, `${{ … }}`
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { isPair, isScalar, parse, parseDocument, visit } from 'yaml'

const REPO = new URL('../../../', import.meta.url).pathname
const WORKFLOW = join(REPO, '.github/workflows/ci.yml')
const ACTIONS = join(REPO, '.github/actions')

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }
type Job = {
  needs?: string | string[]
  if?: string
  'timeout-minutes'?: number
  strategy?: { matrix: Record<string, unknown> & { include?: Record<string, unknown>[] } }
  env?: Record<string, string>
  steps: Step[]
}
type Workflow = {
  permissions: unknown
  concurrency: { 'cancel-in-progress'?: boolean }
  env: Record<string, string | number>
  jobs: Record<string, Job>
}

const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as Workflow
const jobs = workflow.jobs
const testJob = jobs.test as Job
const mergeJob = jobs.merge as Job
const matrix = testJob.strategy?.matrix as { node: number[]; postgres: number[]; shard: number[] }
const include = testJob.strategy?.matrix.include ?? []

/** GitHub's `${{ matrix.x }}` substitution, enough for the label template. */
function expand(template: string, values: Record<string, unknown>): string {
  return template.replace(/\$\{\{\s*matrix\.(\w+)\s*\}\}/g, (_, key: string) => String(values[key]))
}

function words(command: string | undefined): string[] {
  return (command ?? '').split(/\s+/).filter(Boolean)
}

/** The legs: node × postgres, each with the provider its `include` entry gives. */
function legs(): Record<string, unknown>[] {
  return matrix.node.flatMap((node) =>
    matrix.postgres.map((postgres) => {
      const extra = include.filter((entry) => entry.node === node && entry.postgres === postgres)
      return Object.assign({ node, postgres }, ...extra)
    }),
  )
}

describe('the test matrix and the merge', () => {
  test('the matrix lists shards 1..TEST_SHARDS and each shard runs --shard=<shard>/TEST_SHARDS into a blob', () => {
    const shards = Number(workflow.env.TEST_SHARDS)
    expect(shards).toBeGreaterThan(1)
    expect(matrix.shard).toEqual(Array.from({ length: shards }, (_, i) => i + 1))
    const step = testJob.steps.find((candidate) => words(candidate.run).includes('test'))
    expect(step?.env?.SHARD).toBe('${{ matrix.shard }}/${{ env.TEST_SHARDS }}')
    expect(words(step?.run)).toEqual(expect.arrayContaining(['pnpm', '--shard="$SHARD"', '--reporter=blob']))
  })

  test('every leg has one provider, and all three providers run somewhere', () => {
    for (const leg of legs())
      expect(leg.provider, JSON.stringify(leg)).toMatch(/^(embedded|external|testcontainers)$/)
    expect(new Set(legs().map((leg) => leg.provider))).toEqual(
      new Set(['embedded', 'external', 'testcontainers']),
    )
    // The embedded binaries are PostgreSQL 18: an embedded leg on another major would test nothing new.
    for (const leg of legs().filter((candidate) => candidate.provider === 'embedded'))
      expect(leg.postgres).toBe(18)
    expect(include).toHaveLength(legs().length)
  })

  test('the merge step expects exactly the labels the legs write, each with TEST_SHARDS blobs', () => {
    const label = testJob.env?.VITEST_BLOB_LABEL as string
    const written = legs().map((leg) => expand(label, leg))
    expect(new Set(written).size).toBe(written.length)
    const merge = mergeJob.steps.find((step) => words(step.run).includes('test:merge'))
    expect(words(merge?.env?.TEST_MERGE_LABELS).sort()).toEqual(written.sort())
    const download = mergeJob.steps.find((step) => step.uses?.startsWith('actions/download-artifact@'))
    const upload = testJob.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'))
    expect(upload?.with?.name).toBe('blob-${{ env.VITEST_BLOB_LABEL }}-${{ matrix.shard }}')
    expect(download?.with).toMatchObject({ pattern: 'blob-*', path: '.vitest/blob', 'merge-multiple': true })
    expect(upload?.with?.path).toBe('.vitest/blob/')
  })

  test('coverage is collected on every shard and merged, where the thresholds hold', () => {
    const shard = testJob.steps.find((step) => words(step.run).includes('--shard="$SHARD"'))
    const merge = mergeJob.steps.find((step) => words(step.run).includes('test:merge'))
    expect(words(shard?.run)).toContain('--coverage.enabled')
    expect(words(merge?.run)).toContain('--coverage.enabled')
  })
})

describe('the jobs', () => {
  test('merge runs after the tests even when some failed, and the gate needs every other job', () => {
    expect(mergeJob.needs).toBe('test')
    expect(mergeJob.if).toBe('${{ !cancelled() }}')
    const gate = jobs['ci-ok'] as Job
    expect(gate.if).toBe('${{ always() }}')
    expect(new Set([gate.needs].flat())).toEqual(
      new Set(Object.keys(jobs).filter((name) => name !== 'ci-ok')),
    )
  })

  test('every job has a timeout; the workflow reads contents only and cancels superseded runs', () => {
    for (const [name, job] of Object.entries(jobs)) expect(job['timeout-minutes'], name).toBeGreaterThan(0)
    expect(workflow.permissions).toEqual({ contents: 'read' })
    expect(workflow.concurrency['cancel-in-progress']).toBe(true)
  })
})

describe('actions', () => {
  const files = [
    WORKFLOW,
    ...readdirSync(ACTIONS, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('action.yml'))
      .map((file) => join(ACTIONS, file)),
  ]

  test.each(files.map((file) => [file.slice(REPO.length), file]))(
    'every action in %s is pinned by commit, its version in a comment beside it',
    (_, file) => {
      const uses: { ref: string; comment: string | undefined }[] = []
      visit(parseDocument(readFileSync(file, 'utf8')), {
        Pair(_key, pair) {
          if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'uses' && isScalar(pair.value)) {
            uses.push({ ref: String(pair.value.value), comment: pair.value.comment ?? undefined })
          }
        },
      })
      expect(uses.length).toBeGreaterThan(0)
      for (const { ref, comment } of uses.filter((use) => !use.ref.startsWith('./'))) {
        expect(ref).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/)
        expect(comment?.trim(), ref).toMatch(/^v\d+\.\d+\.\d+$/)
      }
    },
  )

  test('the local setup action gets exactly the inputs it declares', () => {
    const setup = parse(readFileSync(join(ACTIONS, 'setup/action.yml'), 'utf8')) as {
      inputs: Record<string, { required?: boolean }>
    }
    const required = Object.keys(setup.inputs).filter((name) => setup.inputs[name]?.required)
    const calls = Object.values(jobs).flatMap((job) =>
      job.steps.filter((step) => step.uses === './.github/actions/setup'),
    )
    expect(calls.length).toBeGreaterThan(0)
    for (const call of calls) {
      expect(Object.keys(call.with ?? {}).every((name) => name in setup.inputs)).toBe(true)
      expect(Object.keys(call.with ?? {})).toEqual(expect.arrayContaining(required))
    }
  })
})
