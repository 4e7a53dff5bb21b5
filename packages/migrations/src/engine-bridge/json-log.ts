// The native schema engine's stderr format: one JSON object a line. The Prisma CLI parses these
// lines (an ERROR line from `schema_engine::logger` carries the user-facing error of `cli` commands).

export type LogLevel = 'INFO' | 'WARN' | 'ERROR'

export function formatLogLine(
  level: LogLevel,
  fields: Record<string, unknown>,
  target = 'schema_engine',
): string {
  return `${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target })}\n`
}
