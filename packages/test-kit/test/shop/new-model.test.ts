// Adding a model to a schema is all it takes: a scratch copy of the shop schema gets a new model,
// `prisma generate` runs, and the new model's factory exists, builds, and is typed from the
// generated client (checked by the TypeScript compiler on a file that uses it).
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'

const run = promisify(execFile)
const ROOT = resolve(import.meta.dirname, '../../../..')
const HERE = import.meta.dirname

test('a model added to the schema gets a typed factory from prisma generate alone', {
  timeout: 120_000,
}, async () => {
  // Inside the package (gitignored scratch-*), so the generated client resolves @prisma/client.
  const dir = mkdtempSync(join(HERE, 'scratch-new-model-'))
  try {
    cpSync(join(HERE, 'prisma/schema.prisma'), join(dir, 'schema.prisma'))
    const schema = readFileSync(join(dir, 'schema.prisma'), 'utf8')
    writeFileSync(
      join(dir, 'schema.prisma'),
      `${schema.replaceAll('../generated/', './generated/')}
model Coupon {
  id        Int      @id @default(autoincrement())
  code      String   @unique
  percent   Int
  expiresAt DateTime? @map("expires_at")
  productId String   @map("product_id") @db.Uuid
  product   Product  @relation(fields: [productId], references: [id])

  @@map("shop_coupons")
}
`.replace('lines     OrderLine[]\n  updatedAt', 'lines     OrderLine[]\n  coupons   Coupon[]\n  updatedAt'),
    )
    await run(
      process.execPath,
      ['packages/migrations/bin/tenantkit-prisma.js', 'generate', '--schema', join(dir, 'schema.prisma')],
      {
        cwd: ROOT,
      },
    )
    writeFileSync(
      join(dir, 'uses-coupon.ts'),
      `import { createFactories, defineFactories } from '${ROOT}/packages/factories/src/index.ts'
import { dataModel } from './generated/data-model.ts'
import type { Coupon, Product } from './generated/prisma/client.ts'

// Type-level checks with no import (Vitest's expectTypeOf would bring Vitest's and Vite's types
// into the compile, and Vitest into the run, for two assertions).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const factories = createFactories(() => {
  throw new Error('build only')
}, defineFactories({ dataModel }))
const coupon = factories.coupon.build({ percent: 15 })
const isCoupon: Equal<typeof coupon, Coupon> = true
type BuildInput = Parameters<typeof factories.coupon.build>[0]
const takesProduct: BuildInput extends { product?: Product } | undefined ? true : false = true
// @ts-expect-error percent is a number
factories.coupon.build({ percent: 'ten' })
console.log(JSON.stringify({ ...coupon, checked: isCoupon && takesProduct }))
`,
    )
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc')
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: join(ROOT, 'tsconfig.base.json'), files: ['uses-coupon.ts'] }),
    )
    const checked = await run(process.execPath, [tsc, '-p', dir], { cwd: ROOT }).catch(
      (error: { stdout?: string }) => ({ stdout: `tsc failed:\n${error.stdout}` }),
    )
    expect(checked.stdout).toBe('')
    const { stdout } = await run(process.execPath, [join(dir, 'uses-coupon.ts')], { cwd: ROOT })
    const coupon = JSON.parse(stdout) as Record<string, unknown>
    expect(coupon).toMatchObject({ id: 1, percent: 15, expiresAt: null, checked: true })
    expect(coupon.code).toMatch(/-/)
    expect(coupon.productId).toMatch(/^[0-9a-f-]{36}$/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
