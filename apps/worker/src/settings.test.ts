// The worker's settings from the environment and the command line; no database involved.
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { readWorkerSettings, WorkerSettingsError } from './settings.ts'

describe('readWorkerSettings', () => {
  it('defaults to a one-second poll, batches of 100 and an id from the host and pid', () => {
    expect(readWorkerSettings({}, [])).toEqual({
      databaseUrl: undefined,
      pollIntervalMs: 1000,
      batchSize: 100,
      workerId: `${hostname()}:${process.pid}`,
      logLevel: 'info',
      once: false,
    })
  })

  it('reads every setting and --once (after the `--` pnpm passes along)', () => {
    const env = {
      DATABASE_URL: 'postgresql://db/x',
      WORKER_POLL_INTERVAL_MS: '250',
      WORKER_BATCH_SIZE: '500',
      WORKER_ID: ' publisher-1 ',
      LOG_LEVEL: 'debug',
    }
    expect(readWorkerSettings(env, ['--', '--once'])).toEqual({
      databaseUrl: 'postgresql://db/x',
      pollIntervalMs: 250,
      batchSize: 500,
      workerId: 'publisher-1',
      logLevel: 'debug',
      once: true,
    })
  })

  it.for([
    [
      'WORKER_BATCH_SIZE',
      '0',
      /WORKER_BATCH_SIZE=0 is not an integer between 1 and 10000\. Fix it or unset it \(default 100\)/,
    ],
    ['WORKER_BATCH_SIZE', '2.5', /WORKER_BATCH_SIZE=2\.5 is not an integer/],
    [
      'WORKER_POLL_INTERVAL_MS',
      'soon',
      /WORKER_POLL_INTERVAL_MS=soon is not an integer between 10 and 3600000/,
    ],
  ] as const)('refuses %s=%s, naming the variable and its range', ([name, value, message]) => {
    const read = () => readWorkerSettings({ [name]: value }, [])
    expect(read).toThrow(WorkerSettingsError)
    expect(read).toThrow(message)
  })

  it('refuses an unknown argument, showing the usage', () => {
    expect(() => readWorkerSettings({}, ['--onse'])).toThrow(/Unknown argument --onse\. Usage: .*\[--once\]/)
  })

  it('gives its errors a stable code', () => {
    expect(() => readWorkerSettings({}, ['-x'])).toThrow(
      expect.objectContaining({ code: 'TK_WORKER_SETTINGS' }),
    )
  })
})
