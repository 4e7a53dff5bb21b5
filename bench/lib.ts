// Shared pieces of `pnpm bench`: the result and context types, statistics, ratios, and the
// writers for bench/results (latest.json as ../shared/BENCH-FORMAT.md shows, a table, SVG charts).
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PrismaClient } from '../packages/db/src/index.ts'
import type { ClientFactory } from '../packages/test-kit/src/isolation/kit-client.ts'
import type { ProviderName, TestServerInfo } from '../packages/test-kit/src/provision/context.ts'

/** Times (lower is faster), a rate (`items/s`, higher is faster) or memory (`MiB`, lower is better). */
export type BenchUnit = 'ms' | 's' | 'items/s' | 'MiB'

/** What a benchmark returns: every sample, so the runner computes the statistics one way. */
export type BenchResult = { id: string; what: string; unit: BenchUnit; samples: number[] }

/** A database of its own, cloned from the migrated template; `drop()` removes it. */
export type FreshDatabase = { name: string; url: string; drop(): Promise<void> }

/**
 * What every `bench/*.bench.ts` receives. `db` is a PrismaClient on a fresh clone made for that
 * file alone, so a benchmark written as `run(ctx: { db; quick })` fits too.
 */
export type BenchContext = {
  quick: boolean
  server: TestServerInfo
  migrationsDir: string
  db: PrismaClient
  /** Clones the template into a new database of this run (dropped at the end at the latest). */
  freshDatabase(label: string): Promise<FreshDatabase>
  /** A plain PrismaClient (adapter-pg) on `url`, disconnected by the runner at the end. */
  createClient(url: string): PrismaClient
  /** Records a run id of a server or child run the benchmark starts, for the leftover check. */
  trackRun(runId: string): void
  log(line: string): void
  /** Logs `line` and keeps it for the notes of latest.md (skips, failures, conditions). */
  note(line: string): void
}

export type BenchRun = (ctx: BenchContext) => Promise<BenchResult[]>

export type ResultStats = {
  id: string
  what: string
  unit: BenchUnit
  median: number
  p95: number
  min: number
  max: number
  runs: number
}

export type Ratio = { id: string; faster: string; slower: string; ratio: number }

export type Machine = {
  cpus: number
  memoryGiB: number
  node: string
  postgres: string
  provider: ProviderName
}

export type BenchReport = {
  machine: Machine
  when: string
  quick: boolean
  results: ResultStats[]
  ratios: Ratio[]
}

/** Quantile with linear interpolation between closest ranks (the median of [1, 2] is 1.5). */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error('quantile() of no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const position = (sorted.length - 1) * q
  const lower = Math.floor(position)
  const upper = Math.ceil(position)
  const low = sorted[lower] ?? Number.NaN
  const high = sorted[upper] ?? Number.NaN
  return low + (high - low) * (position - lower)
}

/** Rounds to 2 decimals below 100, 1 decimal above: enough for ms and s alike. */
export function round(value: number): number {
  const factor = Math.abs(value) < 100 ? 100 : 10
  return Math.round(value * factor) / factor
}

export function summarize(result: BenchResult): ResultStats {
  const { samples } = result
  return {
    id: result.id,
    what: result.what,
    unit: result.unit,
    median: round(quantile(samples, 0.5)),
    p95: round(quantile(samples, 0.95)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
    runs: samples.length,
  }
}

/** A rate (`items/s`): higher is faster. */
const isRate = (unit: BenchUnit) => unit.endsWith('/s')

/**
 * `id` compares two results of the same run: ratio = slower median / faster median for times,
 * faster median / slower median for rates (how many times faster, either way). Undefined when
 * either is missing, their units differ, or the divisor is not above zero.
 */
export function ratio(id: string, results: readonly ResultStats[], a: string, b: string): Ratio | undefined {
  const first = results.find((r) => r.id === a)
  const second = results.find((r) => r.id === b)
  if (!first || !second || first.unit !== second.unit) return undefined
  const rate = isRate(first.unit)
  const firstFaster = rate ? first.median >= second.median : first.median <= second.median
  const [faster, slower] = firstFaster ? [first, second] : [second, first]
  const [numerator, divisor] = rate ? [faster.median, slower.median] : [slower.median, faster.median]
  if (divisor <= 0) return undefined
  return { id, faster: faster.id, slower: slower.id, ratio: round(numerator / divisor) }
}

/** Wall time of `fn` in ms, with its value. */
export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now()
  const value = await fn()
  return [performance.now() - started, value]
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export type ChildOutput = { code: number | null; stdout: string; stderr: string; wallMs: number }

/** Runs a command to its end, capturing its output (the benchmarks' child processes). */
export function runChild(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    // SIGTERM lets the kit stop its servers; the kit's watchdog covers the rest.
    const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? 600_000)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, wallMs: performance.now() - started })
    })
  })
}

/** The last line of a child's stdout that parses as JSON (children print their timings last). */
export function lastJsonLine<T>(stdout: string): T | undefined {
  const lines = stdout.trim().split('\n').reverse()
  for (const line of lines) {
    if (!line.startsWith('{')) continue
    try {
      return JSON.parse(line) as T
    } catch {}
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Output

export function renderMarkdown(
  report: BenchReport,
  notes: readonly string[] = [],
  charts: readonly string[] = [],
): string {
  const m = report.machine
  const lines = [
    `# Benchmark results${report.quick ? ' (quick)' : ''}`,
    '',
    `${report.when} · ${m.cpus} CPUs, ${m.memoryGiB} GiB · Node ${m.node} · PostgreSQL ${m.postgres} (${m.provider})`,
    '',
    '| id | what | unit | median | p95 | min | max | runs |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...report.results.map(
      (r) =>
        `| \`${r.id}\` | ${r.what.replaceAll('|', '\\|')} | ${r.unit} | ${r.median} | ${r.p95} | ${r.min} | ${r.max} | ${r.runs} |`,
    ),
    '',
  ]
  if (report.ratios.length > 0) {
    lines.push('| ratio | faster | slower | times faster (medians) |', '| --- | --- | --- | ---: |')
    for (const r of report.ratios)
      lines.push(`| \`${r.id}\` | \`${r.faster}\` | \`${r.slower}\` | ${r.ratio}× |`)
    lines.push('')
  }
  if (notes.length > 0) lines.push('Notes:', '', ...notes.map((note) => `- ${note}`), '')
  for (const chart of charts) lines.push(`![${chart}](${chart})`, '')
  return lines.join('\n')
}

/** A plain-text table for the terminal. */
export function renderTable(report: BenchReport): string {
  const header = ['id', 'unit', 'median', 'p95', 'min', 'max', 'runs']
  const rows = report.results.map((r) => [
    r.id,
    r.unit,
    String(r.median),
    String(r.p95),
    String(r.min),
    String(r.max),
    String(r.runs),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)))
  const format = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')
  const out = [format(header), ...rows.map(format)]
  if (report.ratios.length > 0) {
    out.push('')
    for (const r of report.ratios) out.push(`${r.id}: ${r.ratio}× (${r.faster} faster than ${r.slower})`)
  }
  return out.join('\n')
}

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

/**
 * A horizontal bar chart: one bar per result (the median), a thin line out to its p95. Linear
 * scale from zero, values written next to the bars.
 */
export function renderSvgChart(title: string, results: readonly ResultStats[]): string {
  const labelWidth = Math.max(160, ...results.map((r) => r.id.length * 7 + 16))
  const barArea = 420
  const valueWidth = 170
  const rowHeight = 26
  const top = 40
  const width = labelWidth + barArea + valueWidth
  const height = top + results.length * rowHeight + 30
  const scaleMax = Math.max(...results.map((r) => Math.max(r.p95, r.median)), Number.EPSILON)
  const x = (value: number) => labelWidth + (Math.max(value, 0) / scaleMax) * barArea
  const rows = results.map((r, i) => {
    const y = top + i * rowHeight
    const barEnd = x(r.median)
    const p95End = x(r.p95)
    return [
      `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${escapeXml(r.id)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${(barEnd - labelWidth).toFixed(1)}" height="16" fill="#4f7cac"/>`,
      `<line x1="${barEnd.toFixed(1)}" y1="${y + 12}" x2="${p95End.toFixed(1)}" y2="${y + 12}" stroke="#1d3557" stroke-width="2"/>`,
      `<line x1="${p95End.toFixed(1)}" y1="${y + 6}" x2="${p95End.toFixed(1)}" y2="${y + 18}" stroke="#1d3557" stroke-width="2"/>`,
      `<text x="${(Math.max(barEnd, p95End) + 6).toFixed(1)}" y="${y + 16}">${r.median} ${r.unit} (p95 ${r.p95})</text>`,
    ].join('\n  ')
  })
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">
  <rect width="100%" height="100%" fill="#ffffff"/>
  <text x="12" y="22" font-size="15" font-weight="bold">${escapeXml(title)}</text>
  <line x1="${labelWidth}" y1="${top - 4}" x2="${labelWidth}" y2="${height - 26}" stroke="#999"/>
  ${rows.join('\n  ')}
  <text x="12" y="${height - 10}" fill="#555">bar: median · line: to p95 · linear scale from 0</text>
</svg>
`
}

/**
 * The charts: one per family (the id before its first dot) and unit, since one scale cannot show
 * two units (a family's results in another unit than its first go to `<family>-<unit>`, e.g.
 * `realistic-mib`); a family that has both top-level ids (a.b) and parts (a.b.c) gets a second
 * chart, `<family>-parts`, so parts do not dwarf totals.
 */
export function chartGroups(results: readonly ResultStats[]): Map<string, ResultStats[]> {
  const families = new Map<string, ResultStats[]>()
  const firstUnit = new Map<string, BenchUnit>()
  for (const result of results) {
    const [name = result.id] = result.id.split('.')
    if (!firstUnit.has(name)) firstUnit.set(name, result.unit)
    const family =
      firstUnit.get(name) === result.unit
        ? name
        : `${name}-${result.unit.toLowerCase().replace(/[^a-z]+/g, '')}`
    families.set(family, [...(families.get(family) ?? []), result])
  }
  const groups = new Map<string, ResultStats[]>()
  for (const [family, members] of families) {
    const depth = (r: ResultStats) => r.id.split('.').length
    const top = members.filter((r) => depth(r) <= 2)
    const parts = members.filter((r) => depth(r) > 2)
    if (top.length > 0 && parts.length > 0) {
      groups.set(family, top)
      groups.set(`${family}-parts`, parts)
    } else {
      groups.set(family, members)
    }
  }
  return groups
}

/**
 * Writes latest.json, latest.md and one SVG per group into `dir`, plus a copy of the JSON and
 * table under full.* or quick.*, so a quick run does not hide the last full one. A partial run
 * (`--only`) writes latest.* and its charts alone: full.* and quick.* keep the last whole runs.
 */
export function writeReport(
  dir: string,
  report: BenchReport,
  notes: readonly string[] = [],
  partial = false,
): string[] {
  mkdirSync(dir, { recursive: true })
  const json = `${JSON.stringify(report, null, 2)}\n`
  const charts: [string, string][] = [...chartGroups(report.results)].map(([group, results]) => [
    `${group}.svg`,
    renderSvgChart(`${group} (${results[0]?.unit ?? 'ms'}${report.quick ? ', quick' : ''})`, results),
  ])
  const markdown = renderMarkdown(
    report,
    notes,
    charts.map(([name]) => name),
  )
  const kind = report.quick ? 'quick' : 'full'
  const files: [string, string][] = [['latest.json', json], ['latest.md', markdown], ...charts]
  // The charts always show the latest run, so only latest.md embeds them.
  if (!partial) files.push([`${kind}.json`, json], [`${kind}.md`, renderMarkdown(report, notes)])
  for (const [name, content] of files) writeFileSync(join(dir, name), content)
  return files.map(([name]) => join(dir, name))
}

/** The app schema's client on a driver adapter: how the benchmarks bind the kit (as an app's test/kit.ts does). */
export const appClient: ClientFactory<PrismaClient> = (adapter) => new PrismaClient({ adapter })
