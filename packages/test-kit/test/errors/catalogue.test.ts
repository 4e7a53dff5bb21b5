// docs/errors.md is the catalogue of the kit's errors: it lists every exported error class with its
// code, and the kit's sources throw nothing but those classes.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import * as kit from '../../src/index.ts'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

/** Every error class the kit exports (its own and the factories'), with the code an instance carries. */
type ErrorClass = new (...args: string[]) => Error & { code: string }
const exported = Object.entries(kit as Record<string, unknown>)
  .filter((entry): entry is [string, ErrorClass] => {
    const [, value] = entry
    return typeof value === 'function' && value.prototype instanceof Error
  })
  // KitSettingsError takes (setting, message); the others (message): either way a code.
  .map(([name, ErrorClass]) => ({ name, code: new ErrorClass('SETTING', 'message').code }))

/** `| code | class |` rows of docs/errors.md. */
const documented = [
  ...readFileSync(join(ROOT, 'docs/errors.md'), 'utf8').matchAll(/^\| `(TK_[A-Z_]+)` \| `(\w+)` \|/gm),
].map((match) => ({ name: match[2] ?? '', code: match[1] ?? '' }))

test('docs/errors.md lists every exported error class with its code, and nothing else', () => {
  expect(exported.length).toBeGreaterThanOrEqual(20)
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)
  expect(documented.sort(byName)).toEqual(exported.sort(byName))
})

test('every code is stable and unique: TK_ and capitals', () => {
  for (const { code } of exported) expect(code).toMatch(/^TK_[A-Z_]+$/)
  expect(new Set(exported.map((e) => e.code)).size).toBe(exported.length)
})

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

test('the kit and the factories throw no untyped Error', () => {
  const untyped = ['packages/test-kit/src', 'packages/factories/src']
    .flatMap((dir) => sources(join(ROOT, dir)))
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, where: `${file.slice(ROOT.length)}:${index + 1}` }))
        .filter(({ line }) => /\bnew (Type|Range)?Error\(/.test(line) && !line.trim().startsWith('//')),
    )
    .map(({ where, line }) => `${where}: ${line.trim()}`)
  expect(untyped).toEqual([])
})
