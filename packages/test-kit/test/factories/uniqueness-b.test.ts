// One of three files that Vitest runs in parallel workers: the e-mails, slugs and ids their
// factories make must never repeat, across workers, files and tests (checked in a shared table).
import { defineUniqueValuesTests } from './support/unique-values-tests.ts'

defineUniqueValuesTests('b')
