// The shop schema's own Vitest project: its root holds prisma/migrations, so the kit builds a
// template of this schema beside the app's, on the same server.
import { defineKitProject } from '../../src/vitest-project.ts'

export default defineKitProject({
  test: {
    name: 'shop',
    include: ['**/*.test.ts'],
  },
})
