// `pnpm check:packages`: packs the kit's packages and checks each tarball as a user would get it:
// publint (exports, files, fields) and @arethetypeswrong/cli (types resolve for ESM users under
// node16 and bundler resolution). Exits non-zero on the first problem either reports.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from './kit-packages.ts'
import { packPackages } from './pack-packages.ts'

const bin = (name: string) => join(REPO_ROOT, 'node_modules/.bin', name)

let failed = 0
for (const tarball of packPackages(join(REPO_ROOT, '.tenantkit/packages'))) {
  for (const [tool, args] of [
    ['publint', ['run', '--strict', tarball]],
    // ESM only, as STYLE.md chose: CommonJS `require` of the packages is not offered.
    ['attw', ['--profile', 'esm-only', tarball]],
  ] as const) {
    try {
      execFileSync(bin(tool), args, { stdio: 'inherit' })
    } catch {
      failed++
      console.error(`${tool} found a problem in ${tarball}`)
    }
  }
}
if (failed) process.exit(1)
