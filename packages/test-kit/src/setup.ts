// The kit's setup file (defineKitProject adds it; else list '@tenantkit/test-kit/setup' in
// setupFiles): every test runs in a context of its own, so clients that outlive one test — the
// app's module-level client bound with bindPrismaModule — send each query to the database of the
// test it belongs to, under test.concurrent too.
import { aroundEach } from 'vitest'
import { runInTestContext } from './isolation/test-context.ts'

aroundEach(async (runTest, { task }) => {
  await runInTestContext(task.id, runTest)
})
