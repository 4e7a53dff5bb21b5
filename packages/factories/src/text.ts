// Turning faker's words into values our CHECK constraints and API schemas accept.

/** `"Hills, Kuhn & Co."` → `"hills-kuhn-co"`; at most `max` characters, never empty. */
export function slugify(text: string, max = 40): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '')
  return slug || 'x'
}

/** `"Dr. Ava O'Neil"` → `"dr.ava.oneil"`: lowercase, as the users_email_lowercase CHECK wants. */
export function emailLocalPart(fullName: string): string {
  return slugify(fullName.replace(/['’]/g, ''), 40).replaceAll('-', '.')
}
