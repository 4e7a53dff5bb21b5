// The five model factories, in the order rows are inserted (parents before children).
import type { Definitions, ModelName } from '../define-factory.ts'
import { auditEventFactory } from './audit-event.ts'
import { contentItemFactory } from './content-item.ts'
import { membershipFactory } from './membership.ts'
import { organizationFactory } from './organization.ts'
import { userFactory } from './user.ts'

export const definitions: Definitions = {
  organization: organizationFactory,
  user: userFactory,
  membership: membershipFactory,
  contentItem: contentItemFactory,
  auditEvent: auditEventFactory,
}

/** Dependency order: every model comes after the models it references. */
export const INSERT_ORDER: readonly ModelName[] = [
  'organization',
  'user',
  'membership',
  'contentItem',
  'auditEvent',
]
