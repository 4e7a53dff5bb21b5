// .ci/run's last line: "N passed, N failed" over the Vitest JSON reports it is given (one per run).
// A missing or empty report counts as a failure, so a run that crashed or ran nothing cannot pass.
import { existsSync, readFileSync } from 'node:fs'
import { basename } from 'node:path'

type JsonReport = { numTotalTests: number; numPassedTests: number; numFailedTests: number }

let passed = 0
let failed = 0
let broken = false
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`ci: the ${basename(file, '.json')} run wrote no report`)
    broken = true
    continue
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport
  if (report.numTotalTests === 0) {
    console.error(`ci: the ${basename(file, '.json')} run executed no test`)
    broken = true
  }
  console.log(
    `ci: ${basename(file, '.json')}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`,
  )
  passed += report.numPassedTests
  failed += report.numFailedTests
}
console.log(`${passed} passed, ${failed} failed`)
if (broken || failed > 0) process.exitCode = 1
