// @tenantkit/db/migrations: reading a migration history and applying it with the Wasm schema
// engine, without loading the generated client (the test kit's template build and `pnpm dev` use
// it). The engine itself loads only when a migration is applied: a run whose template is ready
// never pays for it.
export { applyMigrations, loadMigrations, type MigrationList } from './migrations.ts'
