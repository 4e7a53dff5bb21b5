// The hoppscotch schema's project: its template is built from ./migrations (a schema outside prisma/).
import { defineKitProject } from '../../../../test-kit/src/vitest-project.ts'

export default defineKitProject({
  migrations: './migrations',
  test: { name: 'schema:hoppscotch', include: ['*.test.ts'] },
})
