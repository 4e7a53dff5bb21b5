// Locates prisma/migrations: TEST_MIGRATIONS_DIR when set, else the nearest one above a folder (a
// package or the workspace root).
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { MigrationsNotFoundError } from '../errors.ts'

/**
 * @param from where to start looking upwards
 * @param configured TEST_MIGRATIONS_DIR (`settings.migrationsDir`), which wins when set
 * @example findMigrationsDir(project.config.root, readSettings().migrationsDir)
 */
export function findMigrationsDir(from: string, configured: string | undefined): string {
  if (configured) {
    if (!existsSync(configured)) {
      throw new MigrationsNotFoundError(
        `TEST_MIGRATIONS_DIR=${configured} does not exist. Point it at a prisma/migrations folder, or unset it to use the nearest prisma/migrations.`,
      )
    }
    return resolve(configured)
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
