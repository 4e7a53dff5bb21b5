// Type-level behaviour, checked by `pnpm typecheck` (tsc reads this file; at run time the
// assertions are no-ops, and nothing here touches a database): overrides, relations, transient
// params, traits and results.
import type { ContentItem, MemberRole, Membership, Organization, User } from '@tenantkit/db'
import type { AppFactories as Factories, Overrides, TenantGraph, TenantMember } from '@tenantkit/db/factories'
import { describe, expectTypeOf, test } from 'vitest'
import type { AnyFactories } from '../../src/index.ts'
import { createFactories } from '../kit.ts'

const factories = createFactories(() => {
  throw new Error('types only')
})

// Never called: each line must fail to compile.
export function rejectedByTheCompiler(f: Factories) {
  // @ts-expect-error an unknown column
  f.user.build({ emial: 'a@b.c' })
  // @ts-expect-error a column of the wrong type
  f.user.build({ isActive: 'yes' })
  // @ts-expect-error a role that MemberRole does not have
  f.membership.build({ role: 'SUPERUSER' })
  // @ts-expect-error a trait of another model
  f.user.with('admin')
  // @ts-expect-error a trait name that does not exist
  f.contentItem.with('deleted')
  // @ts-expect-error a relation given as the wrong row type
  f.membership.build({ user: f.organization.build() })
  // @ts-expect-error a transient param of another model
  f.user.build({ members: 3 })
  // @ts-expect-error createTenant counts members by MemberRole
  f.createTenant({ members: { OWNERS: 1 } })
  // @ts-expect-error createList takes a count or a list, not overrides alone
  f.user.createList({ fullName: 'x' })
}

describe('factory types', () => {
  test('build and create return the model row types', () => {
    expectTypeOf(factories.user.build()).toEqualTypeOf<User>()
    expectTypeOf(factories.organization.create).returns.toEqualTypeOf<Promise<Organization>>()
    expectTypeOf(factories.membership.with('admin').createList).returns.toEqualTypeOf<Promise<Membership[]>>()
    expectTypeOf(factories.contentItem.buildList([{}, {}])).toEqualTypeOf<ContentItem[]>()
  })

  test('overrides take columns, relations as rows and transient params, all optional', () => {
    type M = Overrides<'membership'>
    expectTypeOf<M['userId']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<M['role']>().toEqualTypeOf<MemberRole | undefined>()
    expectTypeOf<M['user']>().toEqualTypeOf<User | undefined>()
    expectTypeOf<M['organization']>().toEqualTypeOf<Organization | undefined>()
    expectTypeOf<Overrides<'user'>['password']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<Overrides<'organization'>['members']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<Overrides<'auditEvent'>['actor']>().toEqualTypeOf<User | null | undefined>()
    expectTypeOf<Overrides<'contentItem'>['tags']>().toEqualTypeOf<string[] | undefined>()
    expectTypeOf<Record<never, never>>().toExtend<Overrides<'contentItem'>>()
  })

  test('trait names are typed, the role and status ones from the Prisma enums', () => {
    type MembershipTraits = Parameters<Factories['membership']['with']>[number]
    type ContentTraits = Parameters<Factories['contentItem']['with']>[number]
    expectTypeOf<MembershipTraits>().toEqualTypeOf<'owner' | 'admin' | 'member' | 'viewer'>()
    expectTypeOf<ContentTraits>().toEqualTypeOf<
      'draft' | 'scheduled' | 'published' | 'archived' | 'untagged'
    >()
    expectTypeOf(factories.user.with('inactive', 'unverified')).toEqualTypeOf<Factories['user']>()
  })

  test('after-create hooks get the row type', () => {
    factories.contentItem.afterCreate((row, { factories: f }) => {
      expectTypeOf(row).toEqualTypeOf<ContentItem>()
      expectTypeOf(f).toEqualTypeOf<AnyFactories>()
    })
  })

  test('createTenant returns typed members', () => {
    expectTypeOf(factories.createTenant).returns.toEqualTypeOf<Promise<TenantGraph>>()
    expectTypeOf<TenantGraph['owner']>().toEqualTypeOf<TenantMember>()
    expectTypeOf<TenantMember>().toEqualTypeOf<{ user: User; membership: Membership; role: MemberRole }>()
    expectTypeOf<TenantGraph['byRole']>().toEqualTypeOf<Record<MemberRole, TenantMember[]>>()
  })
})
