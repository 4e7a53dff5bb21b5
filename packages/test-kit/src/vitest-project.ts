// The one place a Vitest project learns about the kit: its globalSetup.
import { fileURLToPath } from 'node:url'
import { defineProject, type UserWorkspaceConfig } from 'vitest/config'

/** The kit's globalSetup file (one PostgreSQL per Vitest process, shared by all projects). */
export const GLOBAL_SETUP = fileURLToPath(new URL('./provision/global-setup.ts', import.meta.url))
const QUIET_WASM_WARNING = fileURLToPath(new URL('./quiet-wasm-warning.ts', import.meta.url))

/**
 * A Vitest project backed by the kit's PostgreSQL.
 * @example
 * // apps/api/vitest.config.ts
 * export default defineKitProject({ test: { name: 'api', include: ['test/**\/*.test.ts'] } })
 */
export function defineKitProject(config: UserWorkspaceConfig): UserWorkspaceConfig {
  const globalSetup = [config.test?.globalSetup ?? []].flat()
  const setupFiles = [config.test?.setupFiles ?? []].flat()
  return defineProject({
    ...config,
    test: {
      ...config.test,
      globalSetup: [GLOBAL_SETUP, ...globalSetup],
      setupFiles: [QUIET_WASM_WARNING, ...setupFiles],
    },
  })
}
