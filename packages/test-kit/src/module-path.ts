// Paths of the kit's own modules that another process or Vitest loads by file name: `.ts` in the
// workspace (the source runs), `.mjs` once packed (dist/ mirrors src/ file by file).
import { fileURLToPath } from 'node:url'

/** The module at `relative` (no extension) from `from` (an import.meta.url), in the form `from` runs as. */
export function modulePath(relative: string, from: string): string {
  const extension = from.endsWith('.ts') ? '.ts' : '.mjs'
  return fileURLToPath(new URL(`${relative}${extension}`, from))
}
