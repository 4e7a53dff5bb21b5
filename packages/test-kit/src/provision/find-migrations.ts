// Locates prisma/migrations by walking up from a folder (a package or the workspace root).
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

export function findMigrationsDir(from: string = process.cwd()): string {
  const configured = process.env.TEST_MIGRATIONS_DIR
  if (configured) {
    if (!existsSync(configured)) {
      throw new Error(
        `TEST_MIGRATIONS_DIR=${configured} does not exist. Point it at a prisma/migrations folder, or unset it.`,
      )
    }
    return resolve(configured)
  }
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'prisma', 'migrations')
    if (existsSync(candidate)) return candidate
    if (dirname(dir) === dir) break
  }
  throw new Error(
    `No prisma/migrations folder found above ${from}. Run the tests inside the workspace, or set TEST_MIGRATIONS_DIR.`,
  )
}
