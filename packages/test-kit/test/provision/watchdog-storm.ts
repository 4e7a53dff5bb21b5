// Starts watchdogs one after another while the test sends SIGINT to this process's group (as a
// terminal's Ctrl-C would), then prints how many run, and cancels them.
// (A running watchdog may show twice for a moment: the shell forks for each `sleep`.)
//   node watchdog-storm.ts <count> <mark>

import { processesNaming } from '../../src/provision/process-table.ts'
import { startWatchdog } from '../../src/provision/watchdog.ts'

process.on('SIGINT', () => {})
const count = Number(process.argv[2])
const mark = process.argv[3] ?? 'storm'
console.log('storming')
const cancels: (() => void)[] = []
for (let i = 0; i < count; i++) cancels.push(await startWatchdog(`${mark}-${i}`, 'true'))
let running = 0
for (let i = 0; i < count; i++) if (processesNaming(`${mark}-${i}`).length > 0) running++
for (const cancel of cancels) cancel()
console.log(`running: ${running} of ${count}`)
