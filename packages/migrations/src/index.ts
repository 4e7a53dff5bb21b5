// @tenantkit/migrations: a Prisma migration history read from disk and applied in-process with
// Prisma's Wasm schema engine (the same `_prisma_migrations` bookkeeping as `prisma migrate
// deploy`), and the `tenantkit-prisma` CLI whose schema engine is that Wasm build, so nothing
// native is downloaded. It knows no app and no schema. The engine loads only when a migration is
// applied: reading a history, or finding it applied, never pays for it.
export { applyMigrations, loadMigrations, type MigrationList } from './migrations.ts'
export { createSchemaEngine, type SchemaEngineOptions } from './schema-engine.ts'
