// This project installs Express and no other web framework: the kit works with none of them.
import { createRequire } from 'node:module'
import { expect, test } from './kit.ts'

const require = createRequire(import.meta.url)

test.for(['fastify', 'hono', '@nestjs/core'])('%s is not installed', (name) => {
  expect(() => require.resolve(name)).toThrow(/Cannot find module/)
})

test('express is', () => {
  expect(require.resolve('express')).toMatch(/node_modules/)
})
