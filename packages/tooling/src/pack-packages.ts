// `pnpm pack:packages [dir]`: builds the kit's packages and packs each into `dir` (default
// `.tenantkit/packages`) as `tenantkit-<name>.tgz`, without the version, so that a project can
// name the files in its package.json (examples/standalone does). pnpm pack rewrites `workspace:`
// and `catalog:` ranges into real ones. Prints each tarball's path, one a line.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { KIT_PACKAGES, REPO_ROOT } from './kit-packages.ts'

export function packPackages(destination: string): string[] {
  mkdirSync(destination, { recursive: true })
  return KIT_PACKAGES.map(({ name, dir }) => {
    execFileSync('pnpm', ['run', 'build'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] })
    const staging = mkdtempSync(join(destination, '.pack-'))
    try {
      execFileSync('pnpm', ['pack', '--pack-destination', staging], {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'inherit'],
      })
      const [packed] = readdirSync(staging).filter((file) => file.endsWith('.tgz'))
      if (!packed) throw new Error(`pnpm pack wrote no tarball for ${name}`)
      const tarball = join(destination, `${name.replace('@', '').replace('/', '-')}.tgz`)
      renameSync(join(staging, packed), tarball)
      return tarball
    } finally {
      rmSync(staging, { recursive: true, force: true })
    }
  })
}

if (import.meta.main) {
  const destination = resolve(process.argv[2] ?? join(REPO_ROOT, '.tenantkit/packages'))
  for (const tarball of packPackages(destination)) console.log(tarball)
}
