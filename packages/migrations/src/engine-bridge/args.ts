// The command line of the native `schema-engine` binary, as the Prisma CLI spawns it:
//   schema-engine [--datamodels <file>…] [--datasource <json>] [--enabled-preview-features a,b]
//                 [--extension-types <json>] [cli <command>]
//   schema-engine --version

export type Datasource = { url: string; shadowDatabaseUrl?: string }

const CLI_COMMANDS = ['can-connect-to-database', 'create-database', 'drop-database'] as const
export type CliCommand = (typeof CLI_COMMANDS)[number]

export type BridgeArgs =
  | { mode: 'version' }
  | { mode: 'help' }
  | { mode: 'cli'; command: CliCommand; datasource: Datasource | undefined }
  | { mode: 'rpc'; datamodels: string[]; datasource: Datasource | undefined }

class BridgeArgsError extends Error {
  override name = 'BridgeArgsError'
}

export function parseBridgeArgs(argv: readonly string[]): BridgeArgs {
  const datamodels: string[] = []
  let datasource: Datasource | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const value = () => {
      const next = argv[++i]
      if (next === undefined) throw new BridgeArgsError(`${arg} needs a value.`)
      return next
    }
    switch (arg) {
      case '-V':
      case '--version':
        return { mode: 'version' }
      case '-h':
      case '--help':
        return { mode: 'help' }
      case '-d':
      case '--datamodels':
        // Like the native clap option, it takes every following value up to the next flag.
        datamodels.push(value())
        while (argv[i + 1] !== undefined && !argv[i + 1]?.startsWith('-') && argv[i + 1] !== 'cli') {
          datamodels.push(argv[++i] as string)
        }
        break
      case '--datasource':
        datasource = parseDatasource(value())
        break
      case '--enabled-preview-features':
      case '--extension-types':
        // Preview features come from the schema the engine reads; extensions are not supported
        // by the Wasm engine. Both are accepted so the CLI's command line stays valid.
        value()
        break
      case 'cli': {
        const command = argv[i + 1]
        if (!CLI_COMMANDS.includes(command as CliCommand)) {
          throw new BridgeArgsError(
            `Unknown cli command "${command}". Use one of: ${CLI_COMMANDS.join(', ')}.`,
          )
        }
        return { mode: 'cli', command: command as CliCommand, datasource }
      }
      default:
        throw new BridgeArgsError(`Unknown argument "${arg}".`)
    }
  }
  return { mode: 'rpc', datamodels, datasource }
}

function parseDatasource(json: string): Datasource {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    throw new BridgeArgsError('--datasource must be JSON like {"url":"postgresql://…"}.')
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    typeof (parsed as { url?: unknown }).url !== 'string'
  ) {
    throw new BridgeArgsError('--datasource must be JSON with a string "url".')
  }
  const { url, shadowDatabaseUrl } = parsed as { url: string; shadowDatabaseUrl?: unknown }
  return typeof shadowDatabaseUrl === 'string' && shadowDatabaseUrl !== ''
    ? { url, shadowDatabaseUrl }
    : { url }
}
