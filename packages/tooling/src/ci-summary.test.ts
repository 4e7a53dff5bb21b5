import { describe, expect, test } from 'vitest'
import { failureLines } from './ci-summary.ts'

describe('failureLines', () => {
  test('names each failed test with its file and the first line of its error, and a file that failed outside tests', () => {
    const report = {
      numTotalTests: 3,
      numPassedTests: 1,
      numFailedTests: 1,
      testResults: [
        {
          name: '/repo/apps/api/test/a.test.ts',
          status: 'failed',
          assertionResults: [
            { status: 'passed', fullName: 'a passes' },
            {
              status: 'failed',
              fullName: 'a > fails',
              failureMessages: ['\nAssertionError: expected 1 to be 2\n    at x'],
            },
          ],
        },
        {
          name: '/repo/apps/api/test/b.test.ts',
          status: 'failed',
          message: 'Error: cannot import',
          assertionResults: [],
        },
        { name: '/repo/apps/api/test/c.test.ts', status: 'passed', assertionResults: [] },
      ],
    }
    expect(failureLines('main', report, '/repo')).toEqual([
      'ci: main: FAILED apps/api/test/a.test.ts > a > fails: AssertionError: expected 1 to be 2',
      'ci: main: FAILED apps/api/test/b.test.ts: Error: cannot import',
    ])
  })
})
