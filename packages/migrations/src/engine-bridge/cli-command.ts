// `schema-engine cli <command>`: one-shot commands the Prisma CLI runs before migrate commands
// (e.g. can-connect-to-database, then create-database on P1003). Like the native binary, they log
// JSON lines to stderr, print nothing on stdout, and exit 1 with an ERROR line on failure.
import type { CliCommand, Datasource } from './args.ts'
import { checkConnection, createDatabase, dropDatabase } from './database-admin.ts'
import { formatLogLine } from './json-log.ts'
import { UserFacingError } from './user-facing-errors.ts'

export async function runCliCommand(
  command: CliCommand,
  datasource: Datasource | undefined,
  gitHash: string,
  writeStderr: (text: string) => void,
): Promise<number> {
  // The CLI skips the first stderr line when it looks for the error, as the native binary
  // always starts with this one.
  writeStderr(formatLogLine('INFO', { message: 'Starting schema engine CLI', git_hash: gitHash }))
  try {
    if (!datasource?.url) throw new Error('The `cli` commands need `--datasource {"url":"postgresql://…"}`.')
    const message = await run(command, datasource.url)
    writeStderr(formatLogLine('INFO', { message }))
    return 0
  } catch (error) {
    const fields =
      error instanceof UserFacingError
        ? { is_panic: false, error_code: error.known.code, message: error.known.message }
        : { is_panic: false, message: error instanceof Error ? error.message : String(error) }
    writeStderr(formatLogLine('ERROR', fields, 'schema_engine::logger'))
    return 1
  }
}

async function run(command: CliCommand, url: string): Promise<string> {
  switch (command) {
    case 'can-connect-to-database':
      await checkConnection(url)
      return 'Connection successful'
    case 'create-database':
      return `Database '${await createDatabase(url)}' was successfully created.`
    case 'drop-database':
      await dropDatabase(url)
      return 'The database was successfully dropped.'
  }
}
