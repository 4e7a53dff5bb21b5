// Runs a program to its end and collects what it printed (the CLI and bridge tests' one way to
// spawn). The process carries the test kit's run mark, so an interrupted run ends it too.
import { runTracked } from '@tenantkit/test-kit'

export type ProcessResult = { code: number | null; stdout: string; stderr: string }

export async function runProcess(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessResult> {
  const { code, stdout, stderr } = await runTracked(command, args, options)
  return { code, stdout, stderr }
}
