// The shape of a model factory's definition: default attributes (each a function, so attributes
// can be lazy and read each other), traits, transient params, belongs-to relations, planned
// children (has-many) and after-create hooks. Everything is typed from the generated Prisma rows.
import type { Faker } from '@faker-js/faker'
import type {
  AuditEvent,
  ContentItem,
  ContentStatus,
  MemberRole,
  Membership,
  Organization,
  Prisma,
  PrismaClient,
  User,
} from '@tenantkit/db'
import type { Factories } from './create-factories.ts'

/** The row type of each model, as Prisma returns it. */
export type Rows = {
  organization: Organization
  user: User
  membership: Membership
  contentItem: ContentItem
  auditEvent: AuditEvent
}

export type ModelName = keyof Rows

/** Belongs-to relations an override may give as a row instead of an id (`{ user }` for `{ userId }`). */
export type Relations = {
  organization: Record<never, never>
  user: Record<never, never>
  membership: { user: User; organization: Organization }
  contentItem: { organization: Organization; author: User }
  auditEvent: { organization: Organization; actor: User | null }
}

/** Params that shape what a factory makes but are not columns. */
export type Transients = {
  /** `members`: that many MEMBER users join it; `content`: that many items, written by those members. */
  organization: { members: number; content: number }
  /** `password`: stored as a real scrypt hash of it (default: 'testpassword123!', hashed once per process). */
  user: { password: string | undefined }
  membership: Record<never, never>
  contentItem: Record<never, never>
  auditEvent: Record<never, never>
}

/** Trait names per model; the role and status traits are generated from the Prisma enums. */
export type TraitNames = {
  organization: 'withOwner'
  user: 'inactive' | 'unverified'
  membership: Lowercase<MemberRole>
  contentItem: Lowercase<ContentStatus> | 'untagged'
  auditEvent: 'byMember'
}

/** What `create`/`build` accept: columns, relations as rows, and transient params, all optional. */
export type Overrides<M extends ModelName> = Partial<Rows[M]> & Partial<Relations[M]> & Partial<Transients[M]>

/** The client factories write with: a PrismaClient or the client of an interactive transaction. */
export type FactoryClient = PrismaClient | Prisma.TransactionClient

export type PlanContext<M extends ModelName> = {
  readonly faker: Faker
  readonly transient: Readonly<Transients[M]>
  /** 1, 2, 3… per name (default: the model's name), per set of factories. */
  sequence(name?: string): number
  /** `<n>-<namespace>`: unique across Vitest workers, files and runs. For unique columns. */
  unique(name?: string): string
  /** Plans a related row into the same graph (inserted in the same batch) and returns it. */
  plan<P extends ModelName>(model: P, overrides?: Overrides<P>, ...traits: TraitNames[P][]): Rows[P]
}

export type AttributeContext<M extends ModelName> = PlanContext<M> & {
  /** Lazy attributes: the final value of another column of this row (override, trait or default). */
  get<K extends keyof Rows[M]>(key: K): Rows[M][K]
  /** The factories' clock: never goes backwards and ticks ≥1 ms per call, so creation order is createdAt order. */
  now(): Date
  /** The row's organization: the ambient tenant, its parent's, or a new one planned for it. */
  tenantId(): string
  /** Whether `tenantId()` had to plan a new organization for this row. */
  ownsTenant(): boolean
  /** Organizations these factories made `userId` a member of (undefined: a user they did not plan). */
  memberOf(userId: string): ReadonlySet<string> | undefined
}

export type AttributeFn<M extends ModelName, K extends keyof Rows[M]> = (
  ctx: AttributeContext<M>,
) => Rows[M][K]

export type HookContext<M extends ModelName> = {
  readonly factories: Factories
  readonly transient: Readonly<Transients[M]>
  readonly db: FactoryClient
}

/** Runs after the row is in the database (inside `tenant.run` of its organization). */
export type AfterCreateHook<M extends ModelName> = (row: Rows[M], ctx: HookContext<M>) => void | Promise<void>

/** Plans has-many children of a row into the same batch (the bulk-friendly alternative to a hook). */
export type ChildrenFn<M extends ModelName> = (row: Rows[M], ctx: PlanContext<M>) => void

export type Trait<M extends ModelName> = {
  attributes?: { [K in keyof Rows[M]]?: Rows[M][K] | AttributeFn<M, K> }
  transient?: Partial<Transients[M]>
  children?: ChildrenFn<M>
  afterCreate?: AfterCreateHook<M>
}

export type FactoryDefinition<M extends ModelName> = {
  /**
   * The table, for the SQL bulk path. Its columns are the fields in snake_case, as the schema's
   * @map attributes name them (a test round-trips every column to keep that true).
   */
  table: string
  /** SELECT expressions of the SQL bulk path, where a column needs more than `r."column"`. */
  sqlSelect?: { [K in keyof Rows[M]]?: string }
  /** Relation → foreign-key column. */
  relations: { [R in keyof Relations[M]]-?: keyof Rows[M] & string }
  /** The organization column of a tenant-owned model: checked against the ambient tenant. */
  tenantColumn?: keyof Rows[M] & string
  transient: Transients[M]
  /** Every column, in the order faker is drawn from (keep it stable: it is what makes seeds replay). */
  attributes: { [K in keyof Rows[M]]-?: AttributeFn<M, K> }
  traits: { [T in TraitNames[M]]: Trait<M> }
  children?: ChildrenFn<M>
  afterCreate?: AfterCreateHook<M>
  /** Runs once the row is planned: consistency checks and bookkeeping. */
  afterPlan?: (row: Rows[M], ctx: AttributeContext<M> & { memberships: MembershipRegistry }) => void
  /** The row as `createManyAndReturn` data, where it differs from the row (JSON null…). */
  toCreateInput?: (row: Rows[M]) => object
}

export type Definitions = { [M in ModelName]: FactoryDefinition<M> }

/** user id → organization ids, for the memberships one set of factories planned. */
export type MembershipRegistry = Map<string, Set<string>>

/** Identity helper that checks a definition against its model's types. */
export function defineFactory<M extends ModelName>(_model: M, definition: FactoryDefinition<M>) {
  return definition
}
