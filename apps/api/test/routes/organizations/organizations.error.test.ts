import { describe } from 'vitest'
import { expect, test, unchecked } from '../../kit.ts'

describe('POST /orgs', () => {
  test('refuses a slug that is taken (TK_SLUG_TAKEN)', async ({ api, factories }) => {
    await factories.organization.create({ slug: 'acme' })
    ;(await api.post('/orgs', { body: { name: 'Acme', slug: 'acme' } })).expectError(409, 'TK_SLUG_TAKEN')
  })

  test.for([
    ['an empty name', { name: '' }, 'body.name'],
    ['a huge name', { name: 'n'.repeat(121) }, 'body.name'],
    ['a name of the wrong type', { name: ['Acme'] }, 'body.name'],
    ['an uppercase slug', { name: 'Acme', slug: 'Acme' }, 'body.slug'],
    ['a slug with spaces', { name: 'Acme', slug: 'ac me' }, 'body.slug'],
    ['a huge slug', { name: 'Acme', slug: 'a'.repeat(61) }, 'body.slug'],
    ['an unknown field', { name: 'Acme', plan: 'enterprise' }, 'body.plan'],
    ['no name', {}, 'body.name'],
  ] as const)('answers 400 naming the field for %s', async ([, body, field], { api }) => {
    const error = (await api.post('/orgs', { body: unchecked(body) })).expectError(
      400,
      'TK_VALIDATION_FAILED',
    )
    expect(error.fields?.map((f) => f.field)).toContain(field)
  })
})

describe('PATCH /orgs/:orgId', () => {
  test('refuses a slug another organization has (TK_SLUG_TAKEN)', async ({ api, org, factories }) => {
    const other = await factories.organization.create()
    const res = await api.patch('/orgs/:orgId', { params: { orgId: org.id }, body: { slug: other.slug } })
    res.expectError(409, 'TK_SLUG_TAKEN')
  })

  test('answers 400 for an unknown field', async ({ api, org }) => {
    const res = await api.patch('/orgs/:orgId', {
      params: { orgId: org.id },
      body: unchecked({ id: org.id }),
    })
    expect(res.expectError(400, 'TK_VALIDATION_FAILED').fields).toEqual([
      { field: 'body.id', message: 'is not an allowed field' },
    ])
  })
})

describe('GET /orgs/:orgId', () => {
  test.for(['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "x' OR 1=1 --"])(
    'answers 404 TK_ORG_NOT_FOUND for the id %s',
    async (orgId, { api }) => {
      ;(await api.get('/orgs/:orgId', { params: { orgId } })).expectError(404, 'TK_ORG_NOT_FOUND')
    },
  )
})

describe('unknown routes', () => {
  test('answer 404 TK_NOT_FOUND in the envelope', async ({ api }) => {
    const error = (await api.request({ method: 'GET', url: '/organisations' })).expectError(
      404,
      'TK_NOT_FOUND',
    )
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })
})
