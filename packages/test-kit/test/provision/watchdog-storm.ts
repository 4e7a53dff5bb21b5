// Starts watchdogs one after another while the test sends SIGINT to this process's group (as a
// terminal's Ctrl-C would), then prints how many run and how many SIGINTs reached it, and cancels
// them. It goes on to the next watchdog only once a SIGINT has arrived since the last one started,
// so every start overlaps the stream however fast or slow the machine is: the count of signals is
// at least the count of watchdogs by construction, not by timing.
//   node watchdog-storm.ts <count> <mark>

import { markedEnv, markedProcesses } from '../../src/provision/marked-processes.ts'
import { startWatchdog } from '../../src/provision/watchdog.ts'

let received = 0
process.on('SIGINT', () => {
  received++
})
const signalSince = async (count: number) => {
  while (received <= count) await new Promise((resolve) => setTimeout(resolve, 1))
}

const count = Number(process.argv[2])
const mark = process.argv[3] ?? 'storm'
console.log('storming')
const cancels: (() => void)[] = []
for (let i = 0; i < count; i++) {
  const before = received
  cancels.push(await startWatchdog(`${mark}-${i}`, 'true', markedEnv(process.env, `${mark}-${i}`)))
  await signalSince(before)
}
let running = 0
for (let i = 0; i < count; i++) if ((await markedProcesses(`${mark}-${i}`)).length > 0) running++
for (const cancel of cancels) cancel()
console.log(`running: ${running} of ${count}; SIGINTs received: ${received}`)
