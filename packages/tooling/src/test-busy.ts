// `pnpm test:busy`: the suite on a loaded machine, as a CI runner or a laptop with other work is.
// Starts one CPU hog per core (a Node busy loop), runs `vitest run` --runs times in a row (shuffled,
// a new seed each time, printed), stops at the first red run, and always stops the hogs: on exit,
// on Ctrl-C or SIGTERM, and by themselves when this process dies by SIGKILL (each hog watches its
// parent). A suite whose outcome depends on the machine's speed fails here first.
//   node packages/tooling/src/test-busy.ts [--runs 3] [--hogs <cores>] [<vitest args…>]
import { type ChildProcess, spawn } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'

/** In every hog's command line, then this process's pid, so a test (or `pgrep -f`) can find them. */
const HOG_MARK = 'tenantkit-cpu-hog'

// Spins, and every few million turns checks that the process that started it is alive (a parent
// killed by SIGKILL runs no JavaScript, so the hog must notice by itself). It asks with kill(pid, 0):
// process.ppid did not change in a hog started from a Vitest worker once its parent was gone.
const HOG = `const parent = Number(process.argv.at(-1)); for (let i = 1; ; i++) if (i % 5e6 === 0) try { process.kill(parent, 0) } catch { process.exit(0) }`

// Its own two options, then every other argument is Vitest's (`--` between them is optional).
const vitestArgs: string[] = []
const options = { runs: '3', hogs: String(availableParallelism()) }
for (let args = process.argv.slice(2), i = 0; i < args.length; i++) {
  const arg = args[i] ?? ''
  const name = arg.replace(/^--/, '').split('=')[0]
  if ((name === 'runs' || name === 'hogs') && vitestArgs.length === 0) {
    options[name] = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[++i] ?? '')
  } else if (arg !== '--' || vitestArgs.length > 0) {
    vitestArgs.push(arg)
  }
}
const runs = Number(options.runs)
const hogCount = Number(options.hogs)
for (const [name, value] of Object.entries(options)) {
  if (!/^\d+$/.test(value)) {
    console.error(`test:busy: --${name} must be a whole number (got ${JSON.stringify(value)})`)
    process.exit(64)
  }
}
// A seed of the caller's replays one run; else each run gets a new one.
const givenSeed = vitestArgs.find((arg) => arg.startsWith('--sequence.seed='))

const VITEST = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')
const hogs: ChildProcess[] = []
let vitest: ChildProcess | undefined

const running = (hog: ChildProcess) => hog.exitCode === null && hog.signalCode === null

function stopHogs(): void {
  for (const hog of hogs) if (running(hog)) hog.kill('SIGKILL')
}

/**
 * Stops the hogs and waits until each has exited: a SIGKILL takes effect when the hog is next
 * scheduled, which on a loaded machine (or at a low priority) is not at once.
 */
async function stopHogsAndWait(): Promise<void> {
  const exits = hogs.filter(running).map((hog) => new Promise((resolve) => hog.once('exit', resolve)))
  stopHogs()
  await Promise.all(exits)
}
process.on('exit', stopHogs)
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    stopHogs()
    vitest?.kill(signal)
    process.exit(130)
  })
}

for (let i = 0; i < hogCount; i++) {
  hogs.push(spawn(process.execPath, ['-e', HOG, HOG_MARK, String(process.pid)], { stdio: 'ignore' }))
}
console.log(`test:busy: ${hogCount} CPU hog(s) on ${availableParallelism()} core(s), ${runs} run(s) in a row`)

const results: string[] = []
let failed = false
for (let run = 1; run <= runs && !failed; run++) {
  const seed = givenSeed ? Number(givenSeed.split('=')[1]) : randomInt(1, 2 ** 31)
  const args = [
    VITEST,
    'run',
    '--sequence.shuffle',
    ...(givenSeed ? [] : [`--sequence.seed=${seed}`]),
    ...vitestArgs,
  ]
  console.log(`test:busy: run ${run} of ${runs}, seed ${seed}`)
  const started = Date.now()
  const child = spawn(process.execPath, args, { stdio: 'inherit' })
  vitest = child
  const code = await new Promise<number>((resolve) => {
    child.on('close', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)))
  })
  vitest = undefined
  const seconds = Math.round((Date.now() - started) / 1000)
  results.push(
    `run ${run}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s, seed ${seed} (replay: pnpm test:busy --runs 1 --sequence.seed=${seed})`,
  )
  failed = code !== 0
}
await stopHogsAndWait()
for (const line of results) console.log(`test:busy: ${line}`)
console.log(`test:busy: ${failed ? 'a run failed under load' : `${runs} run(s) in a row passed under load`}`)
process.exit(failed ? 1 : 0)
