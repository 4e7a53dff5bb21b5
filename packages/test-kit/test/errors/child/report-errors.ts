// Setup file of the child project: prints each failed test's errors as one JSON line, so the parent
// can check their class name and code (Vitest's own report shows messages only).
import { afterEach } from 'vitest'

afterEach(({ task }) => {
  const errors = (task.result?.errors ?? []).map((error) => ({
    name: error.name,
    code: (error as { code?: unknown }).code,
    message: error.message,
  }))
  if (errors.length > 0) console.log(`ERRORS ${JSON.stringify(errors)}`)
})
