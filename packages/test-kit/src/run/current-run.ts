// The folder of the Vitest run a test belongs to, which the kit's globalSetup provides.
import { inject } from 'vitest'
import '../provision/context.ts'

export class NoKitRunError extends Error {
  override name = 'NoKitRunError'
  readonly code = 'TK_NO_KIT_RUN'
}

/** The run's folder; throws NoKitRunError outside a test of a project that uses the kit. */
export function currentRunDir(helper: string): string {
  let runDir: string | undefined
  try {
    runDir = inject('tenantkit')?.runDir
  } catch {
    runDir = undefined
  }
  if (!runDir) {
    throw new NoKitRunError(
      `${helper} belongs to the test kit's run, and this is not a test of a project that uses the kit. Call it inside a test (or hook) of a project made with defineKitProject(), or add '@tenantkit/test-kit/global-setup' to test.globalSetup.`,
    )
  }
  return runDir
}
