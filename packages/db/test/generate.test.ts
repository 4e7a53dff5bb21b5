// `prisma generate` (pnpm db:generate, run by postinstall) needs no schema engine download.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { copyPrismaProject, describeRun, runPrisma } from './support/prisma-cli.ts'

describe('prisma generate', () => {
  test('writes the Prisma client next to the schema output setting', async () => {
    using project = copyPrismaProject()

    const result = await runPrisma(['generate'], { cwd: project.dir, databaseUrl: '' })

    expect(result.code, describeRun(result)).toBe(0)
    expect(result.stdout).toContain('Generated Prisma Client')
    // schema.prisma's output is ../packages/db/src/generated/prisma, relative to the copy.
    expect(existsSync(join(project.dir, 'packages/db/src/generated/prisma/client.ts'))).toBe(true)
  })

  test('prisma version names the Wasm bridge as the schema engine', async () => {
    using project = copyPrismaProject()

    const result = await runPrisma(['version'], { cwd: project.dir, databaseUrl: '' })

    expect(result.code, describeRun(result)).toBe(0)
    expect(result.stdout).toMatch(
      /Schema Engine\s+: schema-engine-cli [0-9a-f]{40} \(at .*tenantkit-schema-engine\.js/,
    )
  })
})
