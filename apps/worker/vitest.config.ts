import { defineKitProject } from '../../packages/test-kit/src/vitest-project.ts'

export default defineKitProject({
  test: {
    name: 'worker',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Several tests start worker processes (Node and Prisma start in ~1 s each, more on a busy machine).
    testTimeout: 60_000,
  },
})
