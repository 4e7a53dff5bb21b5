// The access walk over every route the Express router stack lists: a member of another workspace
// calls each workspace route with this workspace's ids, and every role is checked against what
// each route declares with declareRoute. Nothing may be left unverified.
import { expect, expectAccessRules, test } from './kit.ts'

test('every workspace route refuses outsiders and keeps the role it declares', async ({ tenancy }) => {
  const report = await expectAccessRules(tenancy)

  expect(report.walked).toEqual(
    expect.arrayContaining([
      'GET /workspaces/:workspaceId/notes',
      'POST /workspaces/:workspaceId/notes',
      'GET /workspaces/:workspaceId/notes/:noteId',
      'DELETE /workspaces/:workspaceId/notes/:noteId',
      'GET /workspaces/:workspaceId/members',
      'PATCH /workspaces/:workspaceId/members/:memberId',
    ]),
  )
  expect(report.unverified).toEqual([])
})
