// ContentItem: belongs to the tenant; its default author is a new MEMBER of that tenant. The
// status traits come from ContentStatus; publishAt/publishedAt follow the status (lazy), so
// `{ status: 'PUBLISHED' }` and `.with('published')` give the same consistent row.
import { ContentStatus } from '@tenantkit/db'
import { defineFactory } from '../define-factory.ts'
import { slugify } from '../text.ts'
import { enumTraits } from '../traits.ts'
import { assertMemberOf } from './member-check.ts'

const DAY = 86_400_000
const TAGS = ['news', 'product', 'engineering', 'design', 'release-notes', 'how-to', 'culture', 'security']

export const contentItemFactory = defineFactory('contentItem', {
  table: 'content_items',
  relations: { organization: 'organizationId', author: 'authorId' },
  tenantColumn: 'organizationId',
  transient: {},
  attributes: {
    id: ({ faker }) => faker.string.uuid(),
    organizationId: ({ tenantId }) => tenantId(),
    authorId: ({ get, plan }) => {
      get('organizationId')
      const author = plan('user')
      plan('membership', { user: author }, 'member')
      return author.id
    },
    title: ({ faker }) => faker.company.catchPhrase(),
    slug: ({ get, sequence }) => `${slugify(get('title'), 48)}-${sequence()}`,
    body: ({ faker }) => faker.lorem.paragraph(),
    status: () => ContentStatus.DRAFT,
    publishAt: ({ get, faker }) =>
      get('status') === ContentStatus.SCHEDULED
        ? new Date(get('createdAt').getTime() + faker.number.int({ min: 1, max: 30 }) * DAY)
        : null,
    publishedAt: ({ get }) =>
      get('status') === ContentStatus.PUBLISHED || get('status') === ContentStatus.ARCHIVED
        ? get('createdAt')
        : null,
    tags: ({ faker }) => faker.helpers.arrayElements(TAGS, { min: 1, max: 3 }),
    createdAt: ({ now }) => now(),
    updatedAt: ({ get }) => get('createdAt'),
  },
  traits: {
    ...enumTraits('contentItem', ContentStatus, (status) => ({ attributes: { status } })),
    untagged: { attributes: { tags: [] } },
  },
  afterPlan: (row, ctx) => assertMemberOf(ctx, 'contentItem.authorId', row.authorId, row.organizationId),
})
