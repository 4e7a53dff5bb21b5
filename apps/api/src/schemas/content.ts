// The Content Hub: items of an organization and their lifecycle
// (DRAFT → SCHEDULED → PUBLISHED → ARCHIVED).
import { Type } from 'typebox'
import {
  Closed,
  ContentStatus,
  ErrorResponses,
  OrgParams,
  PageQuery,
  Slug,
  Timestamp,
  Uuid,
} from './common.ts'

const Title = Type.String({ minLength: 1, maxLength: 200 })
const Body = Type.String({ maxLength: 100_000 })
const Tag = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' })
const Tags = Type.Array(Tag, { maxItems: 20, uniqueItems: true })

export const ContentItem = Closed({
  id: Uuid,
  organizationId: Uuid,
  authorId: Uuid,
  title: Type.String(),
  slug: Type.String(),
  body: Type.String(),
  status: ContentStatus,
  tags: Type.Array(Type.String()),
  publishAt: Type.Union([Timestamp, Type.Null()]),
  publishedAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})

const ItemParams = Closed({ orgId: Uuid, contentId: Uuid })
const ItemResponse = { 200: ContentItem, ...ErrorResponses }

export const create = {
  params: OrgParams,
  body: Closed({
    title: Title,
    slug: Type.Optional(Slug),
    body: Type.Optional(Body),
    tags: Type.Optional(Tags),
  }),
  response: { 201: ContentItem, ...ErrorResponses },
}

export const list = {
  params: OrgParams,
  querystring: Closed({
    status: Type.Optional(ContentStatus),
    tag: Type.Optional(Tag),
    /** Case-insensitive search in titles. */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    ...PageQuery,
  }),
  response: {
    200: Closed({ items: Type.Array(ContentItem), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
    ...ErrorResponses,
  },
}

export const get = { params: ItemParams, response: ItemResponse }

export const update = {
  params: ItemParams,
  body: Closed({
    title: Type.Optional(Title),
    slug: Type.Optional(Slug),
    body: Type.Optional(Body),
    tags: Type.Optional(Tags),
  }),
  response: ItemResponse,
}

export const schedule = {
  params: ItemParams,
  body: Closed({ publishAt: Timestamp }),
  response: ItemResponse,
}

export const publish = { params: ItemParams, response: ItemResponse }
export const archive = { params: ItemParams, response: ItemResponse }
export const remove = { params: ItemParams, response: { 204: Type.Null(), ...ErrorResponses } }
