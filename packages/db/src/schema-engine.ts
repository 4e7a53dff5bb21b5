// Prisma's schema engine as Wasm, driven through adapter-pg: the same engine the CLI uses for
// `migrate`, with no native binary to download.
import { PrismaPg } from '@prisma/adapter-pg'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import { SchemaEngine } from '@prisma/schema-engine-wasm'
import type pg from 'pg'

export type SchemaEngineOptions = {
  url: string
  /** [fileName, content] pairs of the Prisma schema, when the engine needs the datamodel. */
  datamodels?: [string, string][]
  /** Receives the engine's JSON log lines. */
  onLog?: (line: string) => void
  /** A pool to run on; the caller ends it. Without one, adapter-pg makes its own, which keeps
   *  idle connections (and the process) alive for 10 s after `free()`. */
  pool?: pg.Pool
}

/** Starts a Wasm schema engine connected to `url`. Call `free()` when done. */
export async function createSchemaEngine(options: SchemaEngineOptions): Promise<SchemaEngine> {
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPg(options.pool ?? { connectionString: options.url }))
  return SchemaEngine.new(
    { datamodels: options.datamodels },
    (line: string) => options.onLog?.(line),
    factory,
  )
}
