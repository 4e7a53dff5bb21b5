// Organization: a company name and a slug that is unique across workers and runs.
import { defineFactory } from '../define-factory.ts'
import { slugify } from '../text.ts'

export const organizationFactory = defineFactory('organization', {
  table: 'organizations',
  relations: {},
  transient: { members: 0, content: 0 },
  attributes: {
    id: ({ faker }) => faker.string.uuid(),
    name: ({ faker }) => faker.company.name(),
    slug: ({ get, unique }) => `${slugify(get('name'))}-${unique()}`,
    createdAt: ({ now }) => now(),
    updatedAt: ({ get }) => get('createdAt'),
  },
  traits: {
    withOwner: {
      children: (organization, { plan }) => {
        plan('membership', { organization }, 'owner')
      },
    },
  },
  // Has-many through transient params, planned into the same batch: `{ members: 200, content: 1000 }`
  // costs a handful of INSERTs.
  children: (organization, { transient, plan }) => {
    const members = Array.from({ length: transient.members }, () =>
      plan('membership', { organization }, 'member'),
    )
    for (let i = 0; i < transient.content; i++) {
      const author = members[i % members.length]
      plan('contentItem', author ? { organization, authorId: author.userId } : { organization })
    }
  },
})
