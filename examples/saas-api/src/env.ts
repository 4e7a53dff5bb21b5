// The process environment, checked once at start-up: a missing or malformed variable stops the
// process here with every problem listed, instead of failing on the first request that needs it.
import { z } from 'zod'

const Env = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
})

const parsed = Env.safeParse(process.env)
if (!parsed.success) {
  throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`)
}

export const env = parsed.data
