// Locates a project's migration history: the one its config names (defineKitProject's
// `migrations`, or TEST_MIGRATIONS_DIR), else the nearest prisma/migrations above its root.
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { MigrationsNotFoundError } from '../errors.ts'

/**
 * @param from the project's root: where to start looking upwards, and what a relative `configured` is relative to
 * @param configured the project's `migrations` or TEST_MIGRATIONS_DIR, which wins when set
 * @example findMigrationsDir(project.config.root, readSettings().migrationsDir)
 */
export function findMigrationsDir(from: string, configured: string | undefined): string {
  if (configured) {
    const dir = resolve(from, configured)
    if (!existsSync(dir)) {
      throw new MigrationsNotFoundError(
        `TEST_MIGRATIONS_DIR=${configured} does not exist (${dir}). Point it (or defineKitProject's \`migrations\`) at a migrations folder, or unset it to use the nearest prisma/migrations.`,
      )
    }
    return dir
  }
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'prisma', 'migrations')
    if (existsSync(candidate)) return candidate
    if (dirname(dir) === dir) break
  }
  throw new MigrationsNotFoundError(
    `No prisma/migrations folder found above ${from}. Run the tests inside the workspace, or set TEST_MIGRATIONS_DIR to the migration history.`,
  )
}
