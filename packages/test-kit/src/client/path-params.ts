// Path parameters of a route (`/orgs/:orgId/content/:contentId`): the one place that reads and
// fills them, for the client, the route walks and the tenant-isolation walk.

const PARAM = /:([A-Za-z0-9_]+)/g

/** Values for a route's parameters: ids as strings or numbers (`{ orgId: org.id }`). */
export type PathParamValues = Readonly<Record<string, string | number | undefined>>

/** Path parameters in order: `/orgs/:orgId/content/:contentId` → `['orgId', 'contentId']`. */
export function paramsOf(url: string): string[] {
  return [...url.matchAll(PARAM)].map((match) => match[1] ?? '')
}

/** `url` with each `:name` replaced by `params[name]`, URL-encoded; `onMissing` answers the rest. */
export function fillPath(url: string, params: PathParamValues, onMissing: (name: string) => string): string {
  return url.replace(PARAM, (_, name: string) => {
    const value: unknown = params[name]
    return typeof value === 'string' || typeof value === 'number'
      ? encodeURIComponent(String(value))
      : onMissing(name)
  })
}
