// .ci/run's last lines: each failed test by name (so a CI log's tail says what failed, not just how
// many), then "N passed, N failed" over the Vitest JSON reports it is given (one per run).
// A missing or empty report counts as a failure, so a run that crashed or ran nothing cannot pass.
import { existsSync, readFileSync } from 'node:fs'
import { basename, relative } from 'node:path'

type Assertion = { status: string; fullName: string; failureMessages?: string[] }
type FileResult = { name: string; status: string; message?: string; assertionResults: Assertion[] }
type JsonReport = {
  numTotalTests: number
  numPassedTests: number
  numFailedTests: number
  testResults?: FileResult[]
}

/** The first line of a failure message that says something, shortened for one log line. */
const firstLine = (message = ''): string =>
  (message.split('\n').find((line) => line.trim() !== '') ?? '').trim().slice(0, 300)

/** One line per failed test, and per file that failed outside any test (an import or hook error). */
export function failureLines(run: string, report: JsonReport, root = process.cwd()): string[] {
  const lines: string[] = []
  for (const file of report.testResults ?? []) {
    const where = relative(root, file.name)
    const failed = file.assertionResults.filter((test) => test.status === 'failed')
    for (const test of failed) {
      lines.push(`ci: ${run}: FAILED ${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`)
    }
    if (file.status === 'failed' && failed.length === 0) {
      lines.push(`ci: ${run}: FAILED ${where}: ${firstLine(file.message)}`)
    }
  }
  return lines
}

function main(files: string[]): void {
  let passed = 0
  let failed = 0
  let broken = false
  const counts: string[] = []
  for (const file of files) {
    const run = basename(file, '.json')
    if (!existsSync(file)) {
      console.error(`ci: the ${run} run wrote no report`)
      broken = true
      continue
    }
    const report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport
    if (report.numTotalTests === 0) {
      console.error(`ci: the ${run} run executed no test`)
      broken = true
    }
    for (const line of failureLines(run, report)) console.log(line)
    counts.push(`ci: ${run}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`)
    passed += report.numPassedTests
    failed += report.numFailedTests
  }
  for (const line of counts) console.log(line)
  console.log(`${passed} passed, ${failed} failed`)
  if (broken || failed > 0) process.exitCode = 1
}

if (import.meta.main) main(process.argv.slice(2))
