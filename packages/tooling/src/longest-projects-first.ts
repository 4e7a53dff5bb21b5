// The repository's suite runs one project after another (Vitest keeps a project's files together,
// so its workers are reused), in name order by default: the lifecycle tests of `test-kit`, the
// longest files, started half-way through the run and left one worker busy alone at its end. This
// sequencer orders the projects by their longest file (from the last run's durations), longest first, and keeps Vitest's order within each project, so the short files
// of the other projects fill the end of the run on both workers. With no earlier run (a fresh
// clone) it is Vitest's order.
import { BaseSequencer, type TestSpecification } from 'vitest/node'

export class LongestProjectsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const longest = new Map<string, number>()
    for (const spec of files) {
      const name = spec.project.name
      const duration = this.ctx.cache.getTestSpecificationResult(spec)?.duration ?? 0
      longest.set(name, Math.max(longest.get(name) ?? 0, duration))
    }
    // Stable: files of one project keep the order BaseSequencer gave them.
    const rank = (spec: TestSpecification) => longest.get(spec.project.name) ?? 0
    return sorted.sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder || rank(b) - rank(a),
    )
  }
}
