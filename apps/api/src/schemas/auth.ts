// Signup, login and the current user.
import { Type } from 'typebox'
import { Closed, ErrorResponses, MemberRole, Timestamp, Uuid } from './common.ts'

/** Emails are compared and stored lowercase; the length cap is RFC 5321's. */
const Email = Type.String({ format: 'email', maxLength: 254 })
/** The cap keeps a hash request cheap; strength is checked by the handler (TK_WEAK_PASSWORD). */
const Password = Type.String({ minLength: 1, maxLength: 256 })

export const User = Closed({
  id: Uuid,
  email: Type.String(),
  fullName: Type.String(),
  isActive: Type.Boolean(),
  isVerified: Type.Boolean(),
  createdAt: Timestamp,
})

export const Session = Closed({
  accessToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  /** Seconds until the access token expires. */
  expiresIn: Type.Integer(),
  user: User,
})

export const signup = {
  body: Closed({
    email: Email,
    password: Password,
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
  }),
  response: { 201: Session, ...ErrorResponses },
}

export const login = {
  body: Closed({ email: Email, password: Password }),
  response: { 200: Session, ...ErrorResponses },
}

export const me = {
  response: {
    200: Closed({
      user: User,
      memberships: Type.Array(
        Closed({
          role: MemberRole,
          organization: Closed({ id: Uuid, name: Type.String(), slug: Type.String() }),
        }),
      ),
    }),
    ...ErrorResponses,
  },
}
