// The value a column gets when nothing overrides it: its `@default` / `@updatedAt` when it has one,
// null when it is optional, otherwise a value of its type — realistic where the column's name says
// what it holds (email, name, slug, title, url…), and unique where a key requires it.
import type { Faker } from '@faker-js/faker'
import { Decimal } from '@prisma/client/runtime/client'
import type { ScalarFieldMeta } from './data-model.ts'
import { type ModelInfo, VARIABLE_TYPES } from './schema-info.ts'
import { emailLocalPart, slugify } from './text.ts'

export type DefaultContext = {
  faker: Faker
  now(): Date
  get(field: string): unknown
  has(field: string): boolean
  sequence(name: string): number
  unique(name: string): string
  /** A number unique across workers and runs (for unique Int/BigInt columns). */
  uniqueNumber(name: string): number
  /** A key the database will replace (autoincrement): negative placeholders when inserting. */
  placeholder(name: string): number
  enumValues(name: string): readonly string[]
}

const PERSON = /user|person|customer|member|author|employee|contact|account|profile|owner|student|patient/i
const COMPANY = /org|company|team|tenant|shop|store|workspace|business|vendor|supplier|brand/i
const PRODUCT = /product|item|article|good|sku/i

export function defaultValue(model: ModelInfo, field: ScalarFieldMeta, ctx: DefaultContext): unknown {
  const unique = model.uniqueFields.has(field.name)
  const fallback = field.default
  // A column a unique index needs varied whose default is a constant (`id Int @id @default(1)`,
  // `@@unique` over defaulted columns) gets a value of its own instead, so lists do not collide.
  const constant = fallback?.kind === 'literal' && unique && VARIABLE_TYPES.has(field.type) && !field.isList
  if (fallback && !constant) {
    switch (fallback.kind) {
      case 'uuid':
        return ctx.faker.string.uuid()
      case 'cuid':
        return `c${ctx.faker.string.alphanumeric({ length: 24, casing: 'lower' })}`
      case 'ulid':
        return ctx.faker.string.ulid()
      case 'nanoid':
        return ctx.faker.string.nanoid()
      case 'now':
        return fitDate(field, ctx.now())
      case 'autoincrement': {
        const n = ctx.placeholder(`${model.key}.${field.name}`)
        return field.type === 'BigInt' ? BigInt(n) : n
      }
      case 'literal':
        return literal(field, fallback.value)
      default:
        // dbgenerated(), sequence()…: the database decides; build() leaves it undefined.
        return undefined
    }
  }
  if (field.isUpdatedAt) return ctx.has('createdAt') ? ctx.get('createdAt') : fitDate(field, ctx.now())
  if (!field.isRequired) return null
  if (field.isList) return []
  if (field.kind === 'enum') return ctx.enumValues(field.type)[0]
  switch (field.type) {
    case 'String':
      return nativeString(field, ctx) ?? fitLength(field, stringValue(model, field, ctx, unique), unique, ctx)
    case 'Int':
      return unique ? ctx.uniqueNumber(`${model.key}.${field.name}`) : intValue(field.name, ctx)
    case 'BigInt':
      return BigInt(unique ? ctx.uniqueNumber(`${model.key}.${field.name}`) : intValue(field.name, ctx))
    case 'Float':
      return ctx.faker.number.float({ min: 0, max: 1000, fractionDigits: 2 })
    case 'Decimal':
      return decimalValue(field, ctx)
    case 'Boolean':
      return true
    case 'DateTime':
      return fitDate(field, ctx.now())
    case 'Json':
      return {}
    case 'Bytes':
      return Uint8Array.from(ctx.faker.helpers.multiple(() => ctx.faker.number.int(255), { count: 8 }))
    default:
      return undefined
  }
}

function literal(field: ScalarFieldMeta, value: unknown): unknown {
  if (field.type === 'Json' && typeof value === 'string') return JSON.parse(value)
  if (field.type === 'Decimal') return new Decimal(String(value))
  if (field.type === 'BigInt') return BigInt(String(value))
  if (field.type === 'DateTime' && typeof value === 'string') return new Date(value)
  if (field.type === 'Bytes' && typeof value === 'string')
    return Uint8Array.from(Buffer.from(value, 'base64'))
  if (Array.isArray(value)) return value.map((v) => literal({ ...field, isList: false }, v))
  return value
}

function stringValue(model: ModelInfo, field: ScalarFieldMeta, ctx: DefaultContext, unique: boolean): string {
  const { faker } = ctx
  const name = field.name.toLowerCase()
  const token = () => ctx.unique(`${model.key}.${field.name}`)
  const withToken = (value: string) => (unique ? `${value}-${token()}` : value)
  const nameField = ['fullName', 'name', 'displayName', 'title'].find((f) => f !== field.name && ctx.has(f))
  if (name === 'email' || name.endsWith('email')) {
    const person = ctx.has('fullName') ? String(ctx.get('fullName')) : faker.person.fullName()
    return `${emailLocalPart(person)}.${token()}@example.com`
  }
  if (name === 'slug' || name.endsWith('slug')) {
    const from = nameField ? String(ctx.get(nameField)) : faker.lorem.words(2)
    return `${slugify(from, 48)}-${unique ? token() : ctx.sequence(`${model.key}.${field.name}`)}`
  }
  if (name === 'username' || name === 'handle' || name === 'login') {
    return `${slugify(faker.internet.username(), 24).replaceAll('-', '_')}_${token().replaceAll('-', '_')}`
  }
  if (name === 'fullname' || name === 'displayname') return withToken(faker.person.fullName())
  if (name === 'firstname' || name === 'givenname') return withToken(faker.person.firstName())
  if (name === 'lastname' || name === 'familyname' || name === 'surname')
    return withToken(faker.person.lastName())
  if (name === 'name') {
    if (PERSON.test(model.name)) return withToken(faker.person.fullName())
    if (COMPANY.test(model.name)) return withToken(faker.company.name())
    if (PRODUCT.test(model.name)) return withToken(faker.commerce.productName())
    return withToken(capitalize(faker.lorem.words(2)))
  }
  if (name === 'title' || name === 'subject' || name === 'headline')
    return withToken(faker.company.catchPhrase())
  if (/(^|_)(url|website|homepage|link|href)$/.test(name) || name.endsWith('url')) {
    return `${faker.internet.url({ appendSlash: false })}/${unique ? token() : faker.lorem.slug(2)}`
  }
  if (name.includes('phone')) return withToken(faker.phone.number())
  if (name === 'city') return withToken(faker.location.city())
  if (name === 'country') return withToken(faker.location.country())
  if (name === 'countrycode') return faker.location.countryCode()
  if (name === 'street' || name === 'address' || name.startsWith('addressline')) {
    return withToken(faker.location.streetAddress())
  }
  if (name === 'zip' || name === 'zipcode' || name === 'postcode' || name === 'postalcode') {
    return withToken(faker.location.zipCode())
  }
  if (name === 'currency' || name === 'currencycode') return faker.finance.currencyCode()
  if (name === 'color' || name === 'colour') return withToken(faker.color.human())
  if (name === 'sku' || name === 'code' || name.endsWith('code')) {
    return unique
      ? `${faker.string.alphanumeric({ length: 6, casing: 'upper' })}-${token().toUpperCase()}`
      : faker.string.alphanumeric({ length: 8, casing: 'upper' })
  }
  if (/^(description|body|content|bio|text|summary|note|notes|comment|message)$/.test(name)) {
    return withToken(faker.lorem.sentence())
  }
  if (name.includes('token') || name.includes('secret') || name.includes('hash')) {
    return withToken(faker.string.alphanumeric(32))
  }
  return withToken(faker.lorem.words(2))
}

/** A value of a native type that takes only some strings (`@db.Uuid`, `@db.Inet`…), whatever the column's name. */
function nativeString(field: ScalarFieldMeta, ctx: DefaultContext): string | undefined {
  switch (field.nativeType?.[0]) {
    case 'Uuid':
      return ctx.faker.string.uuid()
    case 'Inet':
      return ctx.faker.internet.ipv4()
    case 'Xml':
      return `<value>${ctx.sequence(`${field.name}.xml`)}</value>`
    case 'Bit':
    case 'VarBit':
      return '1'.repeat(Math.max(1, Number(field.nativeType[1][0] ?? 1)))
    default:
      return undefined
  }
}

/**
 * A string cut to its column's `@db.VarChar(n)` / `@db.Char(n)`; a `Char(n)` is padded to n, as
 * PostgreSQL stores it. A unique value too long for its column is replaced by a compact token,
 * `<namespace><counter>`, cut from the front: the counter, what varies between rows, is kept
 * (the tail of `<value>-<counter>-<namespace>` was the namespace alone once the namespace is as
 * long as the column, and every row of a list got the same value).
 */
function fitLength(field: ScalarFieldMeta, value: string, unique: boolean, ctx: DefaultContext): string {
  const [type, args] = field.nativeType ?? []
  if (type !== 'VarChar' && type !== 'Char') return value
  const length = Number(args?.[0])
  if (!Number.isInteger(length) || length <= 0) return value
  // ASCII, so the value fits whatever the server's encoding: under SQL_ASCII (initdb's default with
  // no locale) PostgreSQL counts a length in bytes, and "Ré" would not fit a Char(2).
  const ascii = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '')
  let cut = ascii.slice(0, length)
  if (ascii.length > length && unique) {
    const [counter, namespace] = ctx.unique(`${field.name}.compact`).split('-')
    cut = `${namespace}${counter}`.slice(-length)
  }
  return type === 'Char' ? cut.padEnd(length, 'x') : cut
}

/**
 * A DateTime as its column stores it, so a built row equals the created one: `@db.Date` keeps
 * the day, `@db.Time` the time of day (on 1970-01-01, as Prisma reads it back), and a timestamp
 * of precision below 3 drops the digits it cannot hold.
 */
function fitDate(field: ScalarFieldMeta, value: Date): Date {
  const [type, args] = field.nativeType ?? []
  const ms = value.getTime()
  const day = 86_400_000
  if (type === 'Date') return new Date(ms - (((ms % day) + day) % day))
  if (type === 'Time' || type === 'Timetz') return new Date(((ms % day) + day) % day)
  if ((type === 'Timestamp' || type === 'Timestamptz') && args?.[0] !== undefined) {
    const step = 10 ** (3 - Math.min(3, Number(args[0])))
    return new Date(ms - (((ms % step) + step) % step))
  }
  return value
}

function intValue(name: string, ctx: DefaultContext): number {
  const lower = name.toLowerCase()
  if (/quantity|qty|count/.test(lower)) return ctx.faker.number.int({ min: 1, max: 10 })
  if (/price|amount|cents|total|cost/.test(lower)) return ctx.faker.number.int({ min: 100, max: 100_000 })
  if (/position|order|rank|sort|index/.test(lower)) return ctx.sequence(name)
  if (lower === 'age') return ctx.faker.number.int({ min: 18, max: 90 })
  if (lower === 'year') return ctx.faker.number.int({ min: 1990, max: 2030 })
  return ctx.faker.number.int({ min: 1, max: 1000 })
}

function decimalValue(field: ScalarFieldMeta, ctx: DefaultContext): Decimal {
  const [precision, scale] = (field.nativeType?.[0] === 'Decimal' ? field.nativeType[1] : []).map(Number)
  const digits = scale ?? 2
  const max = precision !== undefined ? Math.min(10 ** (precision - digits) - 1, 10_000) : 10_000
  return new Decimal(ctx.faker.number.float({ min: 0, max, fractionDigits: digits }).toFixed(digits))
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
