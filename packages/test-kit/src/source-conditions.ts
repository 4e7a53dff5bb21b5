// The one place that says how Vite resolves the kit's packages to their TypeScript source inside
// the tenantkit workspace: their exports carry a `@tenantkit/source` condition, which Node takes
// from NODE_OPTIONS (pnpm-workspace.yaml) and Vite from this config fragment. Not a public export:
// defineKitProject applies it when the kit runs from source, the repository's other configs import
// it by path.
const CONDITIONS = ['@tenantkit/source', 'module', 'node', 'development|production']
const EXTERNAL_CONDITIONS = ['@tenantkit/source', 'node', 'module-sync']

export const sourceConditions = {
  resolve: { conditions: CONDITIONS, externalConditions: EXTERNAL_CONDITIONS },
  ssr: { resolve: { conditions: CONDITIONS, externalConditions: EXTERNAL_CONDITIONS } },
  // Vitest's own environment, where the globalSetup runs in the main process.
  environments: { __vitest__: { resolve: { conditions: CONDITIONS } } },
}
