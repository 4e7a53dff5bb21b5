// test.concurrent: tests of one file run at once in one worker, through the one module-level app
// and client, and each still sees only its own rows.
import { describe } from 'vitest'
import { prisma } from '../src/db.ts'
import { expect, test } from './kit.ts'

describe('tests running at once', () => {
  for (const count of [1, 2, 3, 4]) {
    test.concurrent(`each sees only its own ${count} project(s)`, async ({ api, org, factories }) => {
      await factories.project.createList(count, { organization: org })
      // Let the others write meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 10 * (5 - count)))

      expect((await api.get(`/orgs/${org.slug}/projects`)).expectStatus(200)).toHaveLength(count)
      expect(await prisma.project.count()).toBe(count)
      expect(await prisma.organization.count()).toBe(1)
    })
  }
})
