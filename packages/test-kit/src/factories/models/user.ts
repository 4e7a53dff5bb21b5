// User: active and verified, an e-mail derived from the name (lazy) plus a unique token, and the
// default password hashed once per process.
import { defineFactory } from '../define-factory.ts'
import { testPasswordHash } from '../password.ts'
import { emailLocalPart } from '../text.ts'

export const userFactory = defineFactory('user', {
  table: 'users',
  relations: {},
  transient: { password: undefined },
  attributes: {
    id: ({ faker }) => faker.string.uuid(),
    fullName: ({ faker }) => faker.person.fullName(),
    email: ({ get, unique }) => `${emailLocalPart(get('fullName'))}.${unique()}@example.com`,
    passwordHash: ({ transient }) => testPasswordHash(transient.password),
    isActive: () => true,
    isVerified: () => true,
    createdAt: ({ now }) => now(),
    updatedAt: ({ get }) => get('createdAt'),
  },
  traits: {
    inactive: { attributes: { isActive: false } },
    unverified: { attributes: { isVerified: false } },
  },
})
