// What the API accepts as a new password. Returns why a password is weak, or undefined.

const MIN_LENGTH = 10
const COMMON = new Set([
  'password123',
  'password1234',
  '1234567890',
  'qwertyuiop',
  'letmein123',
  'iloveyou12',
])

export function passwordWeakness(password: string, email: string): string | undefined {
  if (password.length < MIN_LENGTH) return `must be at least ${MIN_LENGTH} characters long`
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length
  if (classes < 2) return 'must mix at least two of: lowercase, uppercase, digits, symbols'
  if (COMMON.has(password.toLowerCase())) return 'is too common'
  const local = email.split('@')[0]?.toLowerCase() ?? ''
  if (local.length >= 4 && password.toLowerCase().includes(local)) return 'must not contain the email address'
  return undefined
}
