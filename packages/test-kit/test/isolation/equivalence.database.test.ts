// Database isolation against production: every scenario observes the same, with no exception.
import { describe } from 'vitest'
import { expect, test } from '../kit.ts'
import { productionRuns, runScenario } from './equivalence/run-scenario.ts'
import { SCENARIOS } from './equivalence/scenarios.ts'

const production = productionRuns('eqd')

describe('database isolation observes what production does', { shuffle: true }, () => {
  test.override({ isolation: 'database' })
  for (const scenario of SCENARIOS) {
    test(scenario.name, async ({ db }) => {
      expect(await runScenario(scenario, db)).toEqual(await production(scenario))
    })
  }
})
