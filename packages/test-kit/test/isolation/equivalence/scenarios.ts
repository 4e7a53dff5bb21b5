// Every scenario of the equivalence suite.
import { concurrencyScenarios } from './scenarios/concurrency.ts'
import { constraintScenarios } from './scenarios/constraints.ts'
import { settingScenarios } from './scenarios/settings.ts'
import { timeScenarios } from './scenarios/time.ts'
import { transactionScenarios } from './scenarios/transactions.ts'
import { writeScenarios } from './scenarios/writes.ts'

export const SCENARIOS = [
  ...transactionScenarios,
  ...constraintScenarios,
  ...writeScenarios,
  ...concurrencyScenarios,
  ...settingScenarios,
  ...timeScenarios,
]
