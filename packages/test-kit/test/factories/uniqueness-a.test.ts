// One of three files that Vitest runs in parallel workers: the e-mails, slugs and ids their
// factories make must never repeat, across workers, files and tests (checked in a shared table).
import { randomUUID } from 'node:crypto'
import { expect, test } from '../kit.ts'
import { recordUnique } from './support/shared-values.ts'
import { defineUniqueValuesTests } from './support/unique-values-tests.ts'

test('the shared table rejects a value recorded twice (so the checks below can fail)', async () => {
  const kind = `self-test-${randomUUID()}`
  await recordUnique(kind, ['same'], 'first')
  await expect(recordUnique(kind, ['same'], 'second')).rejects.toMatchObject({ code: '23505' })
})

defineUniqueValuesTests('a')
