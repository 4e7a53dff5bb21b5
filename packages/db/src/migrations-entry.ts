// @tenantkit/db/migrations: applying a migration history with the Wasm schema engine, without
// loading the generated client (the test kit's template build and `pnpm dev` use it).
export { applyMigrations, loadMigrations, type MigrationList } from './migrations.ts'
export { createSchemaEngine } from './schema-engine.ts'
