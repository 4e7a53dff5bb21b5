// This project installs Express and no other web framework: the kit works with none of them.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { expect, test } from './kit.ts'

const require = createRequire(import.meta.url)
const project = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
/** What the installed Prisma CLI's `@prisma/dev` depends on (Prisma 7.0.0's brings hono), if npm hoisted it. */
const prismaDev = (() => {
  try {
    const path = new URL('../node_modules/@prisma/dev/package.json', import.meta.url)
    return (JSON.parse(readFileSync(path, 'utf8')) as { dependencies?: Record<string, string> }).dependencies
  } catch {
    return undefined
  }
})()

test('package.json names express and no other web framework', () => {
  const names = Object.keys({ ...project.dependencies, ...project.devDependencies })
  expect(names).toContain('express')
  expect(names.filter((name) => /^(fastify|hono|@nestjs\/.*|@hono\/.*)$/.test(name))).toEqual([])
})

test.for(['fastify', '@nestjs/core'])('%s is not installed', (name) => {
  expect(() => require.resolve(name)).toThrow(/Cannot find module/)
})

test('hono is not installed (unless the Prisma CLI itself brings it, as 7.0.0 does)', () => {
  if (prismaDev?.hono) return
  expect(() => require.resolve('hono')).toThrow(/Cannot find module/)
})

test('express is', () => {
  expect(require.resolve('express')).toMatch(/node_modules/)
})
