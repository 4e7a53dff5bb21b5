// Traits generated from a Prisma enum: one per value, named by the value in lower case, so a new
// MemberRole or ContentStatus in the schema brings its trait with it.
import type { ModelName, Trait } from './define-factory.ts'

/**
 * @example
 * enumTraits('membership', MemberRole, (role) => ({ attributes: { role } }))
 * // { owner: { attributes: { role: 'OWNER' } }, admin: …, member: …, viewer: … }
 */
export function enumTraits<M extends ModelName, V extends string>(
  _model: M,
  values: Readonly<Record<string, V>>,
  trait: (value: V) => Trait<M>,
): Record<Lowercase<V>, Trait<M>> {
  const traits = {} as Record<Lowercase<V>, Trait<M>>
  for (const value of Object.values(values)) traits[value.toLowerCase() as Lowercase<V>] = trait(value)
  return traits
}
