// The packages of the kit that leave this repository, in the order they depend on each other.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export const KIT_PACKAGES = ['migrations', 'factories', 'test-kit'].map((name) => ({
  name: `@tenantkit/${name}`,
  dir: join(REPO_ROOT, 'packages', name),
}))
