// README.md lists every environment variable the code reads: each `env.NAME` / `process.env.NAME` in
// the apps, the packages and their command-line entry points appears in the README. Variables
// Vitest sets for its workers, the bench runner's hand-over to its children and the system's own
// (PATH, HOME, TMPDIR) are not settings.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'

const REPO = new URL('../../../', import.meta.url).pathname
const NOT_SETTINGS = /^(VITEST_|BENCH_|PATH$|HOME$|TMPDIR$)/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes('/node_modules/') && !path.includes('/generated/'))
}

test('every environment variable the code reads is in the README', () => {
  const roots = ['apps', 'packages']
    .flatMap((top) => readdirSync(join(REPO, top)).map((pkg) => join(REPO, top, pkg)))
    .flatMap((pkg) => [join(pkg, 'src'), join(pkg, 'bin')])
    .filter((dir) => existsSync(dir))
  const read = new Map<string, string>()
  for (const file of roots.flatMap(sourceFiles)) {
    for (const [, name] of readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)\b/g)) {
      if (name && !NOT_SETTINGS.test(name) && !read.has(name)) read.set(name, file.slice(REPO.length))
    }
  }
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8')
  const missing = [...read]
    .filter(([name]) => !new RegExp(`\\b${name}\\b`).test(readme))
    .map(([name, file]) => `${name} (${file})`)
  expect(read.size).toBeGreaterThan(10)
  expect(missing, 'read by the code, not listed in README.md').toEqual([])
})
