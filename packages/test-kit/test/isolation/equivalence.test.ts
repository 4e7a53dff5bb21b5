// Both isolation modes against production, on the same scenarios. Production's observations are
// computed once per scenario (a fresh clone each) and serve both modes.
// - Database isolation: every scenario observes the same, with no exception.
// - Transaction isolation: the same, except the documented limits (src/isolation/limits.ts), where
//   it observes exactly the documented difference.
import { describe } from 'vitest'
import { expect, test } from '../kit.ts'
import { productionRuns, runScenario } from './equivalence/run-scenario.ts'
import { SCENARIOS } from './equivalence/scenarios.ts'

const production = productionRuns('eq')

describe('database isolation observes what production does', { shuffle: true }, () => {
  test.override({ isolation: 'database' })
  for (const scenario of SCENARIOS) {
    test(scenario.name, async ({ db }) => {
      expect(await runScenario(scenario, db)).toEqual(await production(scenario))
    })
  }
})

describe('transaction isolation observes what production does', { shuffle: true }, () => {
  for (const scenario of SCENARIOS) {
    const title = scenario.limit ? `${scenario.name} (documented limit: ${scenario.limit.id})` : scenario.name
    test(title, async ({ db }) => {
      const expected = await production(scenario)
      const observed = await runScenario(scenario, db)
      if (!scenario.limit) {
        expect(observed).toEqual(expected)
        return
      }
      expect(observed, 'the documented difference still exists').not.toEqual(expected)
      expect(observed).toEqual(scenario.limit.inTransactionMode(expected))
    })
  }
})
