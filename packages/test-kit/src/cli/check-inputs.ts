// What `tenantkit-check` compares: the schema and the migrations folder, found as the Prisma CLI
// finds them (--schema, then prisma.config.ts's `schema`, then schema.prisma or prisma/schema.prisma;
// --migrations, then `migrations.path`, then `migrations` beside the schema), and the rest of the
// project's Prisma config (external tables, initShadowDb), which the diff must see too.
import { existsSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Bad input: the message names the setting at fault and the fix; the command exits 1. */
export class CheckInputError extends Error {
  override name = 'CheckInputError'
}

export type CheckArgs = { schema?: string; migrations?: string; config?: string }

export type CheckInputs = {
  schema: string
  migrations: string
  /** The project's Prisma config without its datasource, or undefined when there is none. */
  config: Record<string, unknown> | undefined
  /** The config file it came from. */
  configFile: string | undefined
}

type LoadedConfig = { config: Record<string, unknown>; resolvedPath: string | null; error?: unknown }
type ConfigModule = {
  loadConfigFromFile(input: { configFile?: string; configRoot?: string }): Promise<LoadedConfig>
  findPrismaConfigFile(configRoot?: string): string | null
}

/** A path for messages: relative to the folder the command runs in when it is inside it. */
export const shown = (path: string, cwd: string) => {
  const rel = relative(cwd, path)
  return rel && !rel.startsWith('..') ? rel : path
}

/**
 * @example await findCheckInputs({ schema: 'db/schema.prisma' }, process.cwd())
 */
export async function findCheckInputs(args: CheckArgs, cwd: string): Promise<CheckInputs> {
  const { config, configFile } = await loadPrismaConfig(args.config, cwd)
  const fromConfig = configFile ? `${shown(configFile, cwd)}'s` : undefined
  const schema = findSchema(args.schema, config, fromConfig, cwd)
  const migrations = findMigrations(args.migrations, config, fromConfig, schema, cwd)
  return { schema, migrations, config, configFile }
}

function findSchema(
  flag: string | undefined,
  config: Record<string, unknown> | undefined,
  fromConfig: string | undefined,
  cwd: string,
): string {
  if (flag) {
    const path = resolve(cwd, flag)
    if (!existsSync(path)) {
      throw new CheckInputError(
        `--schema ${flag}: no such file or folder (${path}). Pass the path of your schema.prisma.`,
      )
    }
    return path
  }
  if (typeof config?.schema === 'string') {
    if (!existsSync(config.schema)) {
      throw new CheckInputError(
        `${fromConfig} \`schema\` is ${shown(config.schema, cwd)}, which does not exist. Point \`schema\` in that file at your schema.prisma, or pass --schema <path>.`,
      )
    }
    return config.schema
  }
  for (const candidate of ['schema.prisma', join('prisma', 'schema.prisma')]) {
    const path = join(cwd, candidate)
    if (existsSync(path)) return path
  }
  const where = fromConfig ? `${fromConfig} \`schema\` is not set` : 'no prisma.config.ts was found'
  throw new CheckInputError(
    `No Prisma schema found: ${where}, and neither schema.prisma nor prisma/schema.prisma exists in ${cwd}. Set \`schema\` in prisma.config.ts, or pass --schema <path>.`,
  )
}

function findMigrations(
  flag: string | undefined,
  config: Record<string, unknown> | undefined,
  fromConfig: string | undefined,
  schema: string,
  cwd: string,
): string {
  const configured = (config?.migrations as { path?: unknown } | undefined)?.path
  const [path, setting] = flag
    ? [resolve(cwd, flag), `--migrations ${flag}`]
    : typeof configured === 'string'
      ? [configured, `${fromConfig} \`migrations.path\``]
      : [
          join(statSync(schema).isDirectory() ? schema : dirname(schema), 'migrations'),
          'by default, the `migrations` folder beside the schema',
        ]
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    throw new CheckInputError(
      `No migrations folder at ${shown(path, cwd)} (${setting}). Create the first migration (npx tenantkit-prisma migrate dev --name init), or point \`migrations.path\` in prisma.config.ts (or --migrations <dir>) at your migrations folder.`,
    )
  }
  return path
}

/**
 * The project's Prisma config, read by Prisma's own loader (`@prisma/config`, from the project's
 * `prisma`), so paths resolve as they do for `prisma migrate`. No config file: undefined.
 */
async function loadPrismaConfig(
  flag: string | undefined,
  cwd: string,
): Promise<{ config: Record<string, unknown> | undefined; configFile: string | undefined }> {
  const configFile = flag ? resolve(cwd, flag) : undefined
  if (configFile && !existsSync(configFile)) {
    throw new CheckInputError(
      `--config ${flag}: no such file (${configFile}). Pass the path of your prisma.config.ts.`,
    )
  }
  const loader = await importConfigLoader(cwd)
  // A config that reads DATABASE_URL with `env()` throws without it; this command brings its own.
  const saved = process.env.DATABASE_URL
  process.env.DATABASE_URL ??= 'postgresql://localhost/tenantkit-check'
  let loaded: LoadedConfig
  try {
    loaded = await loader.loadConfigFromFile({ configRoot: cwd, ...(configFile ? { configFile } : {}) })
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL
  }
  const error = loaded.error as { _tag: string; error?: Error } | undefined
  if (error?._tag === 'ConfigFileNotFound' && !configFile) return { config: undefined, configFile: undefined }
  const file = loaded.resolvedPath ?? configFile ?? loader.findPrismaConfigFile(cwd) ?? 'prisma.config.ts'
  if (error) {
    throw new CheckInputError(
      `${shown(file, cwd)} could not be loaded (${error._tag}): ${error.error?.message ?? 'not found'}. Fix that file, or pass --config <path> to another.`,
    )
  }
  const { loadedFromFile: _, datasource: __, ...config } = loaded.config
  return { config, configFile: loaded.resolvedPath ?? undefined }
}

/** Prisma's config loader, from the project's `prisma` (as tenantkit-prisma finds it), else the kit's. */
async function importConfigLoader(cwd: string): Promise<ConfigModule> {
  const migrationsPackage = createRequire(import.meta.url).resolve('@tenantkit/migrations/package.json')
  for (const from of [join(cwd, 'package.json'), migrationsPackage]) {
    try {
      const prisma = createRequire(from).resolve('prisma/package.json')
      const loader = createRequire(prisma).resolve('@prisma/config')
      return (await import(pathToFileURL(loader).href)) as ConfigModule
    } catch {}
  }
  throw new CheckInputError(
    `The \`prisma\` package (with its @prisma/config) could not be loaded from ${cwd}: tenantkit-check reads prisma.config.ts and runs the CLI with it. Add it: npm install -D prisma`,
  )
}
