// README's "Isolation" section and ADR 002 list exactly the limits of src/isolation/limits.ts, and
// the equivalence suite shows every one of them.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { TRANSACTION_MODE_LIMITS } from '../../src/isolation/limits.ts'
import { SCENARIOS } from './equivalence/scenarios.ts'

const root = fileURLToPath(new URL('../../../../', import.meta.url))
const titles = TRANSACTION_MODE_LIMITS.map((limit) => limit.title).sort()

/** The bold titles of the bullet list that follows the line containing `marker` in `text`. */
function listedLimits(text: string, marker: string): string[] {
  const lines = text.split('\n')
  const start = lines.findIndex((line) => line.includes(marker))
  expect(start, `no line containing "${marker}"`).toBeGreaterThanOrEqual(0)
  const found: string[] = []
  for (const line of lines.slice(start + 1)) {
    const bullet = /^- \*\*(.+?)\*\*/.exec(line)
    if (bullet?.[1]) found.push(bullet[1])
    else if (found.length > 0 && !/^\s{2,}\S/.test(line)) break
  }
  return found.sort()
}

describe('the limits of transaction isolation', () => {
  it("are the ones README's Isolation section lists", () => {
    const readme = readFileSync(`${root}README.md`, 'utf8')
    const section = readme.slice(
      readme.indexOf('## Isolation'),
      readme.indexOf('\n## ', readme.indexOf('## Isolation') + 1),
    )
    expect(listedLimits(section, 'still differs from production')).toEqual(titles)
  })

  it('are the ones ADR 002 lists', () => {
    const dir = `${root}docs/decisions/`
    const adr = readdirSync(dir).find((name) => name.startsWith('002-'))
    expect(listedLimits(readFileSync(`${dir}${adr}`, 'utf8'), '**Limits**')).toEqual(titles)
  })

  it('each has a scenario in the equivalence suite that shows it', () => {
    const shown = new Set(SCENARIOS.flatMap((scenario) => (scenario.limit ? [scenario.limit.id] : [])))
    expect([...shown].sort()).toEqual(TRANSACTION_MODE_LIMITS.map((limit) => limit.id).sort())
  })
})
