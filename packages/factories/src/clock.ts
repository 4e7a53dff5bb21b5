// The factories' clock. Rows get explicit createdAt/updatedAt from it instead of the database's
// now(), which inside one transaction (how tests run) is the same instant for every row: with
// distinct, increasing timestamps "newest first" and cursor pagination see creation order.

export class Clock {
  readonly #source: () => Date
  #last = Number.NEGATIVE_INFINITY

  /** `source` is the reference time: wall time by default, a fixed date for byte-identical replays. */
  constructor(source: () => Date = () => new Date()) {
    this.#source = source
  }

  /** The reference time, or 1 ms after the previous tick, whichever is later. */
  tick(): Date {
    const next = Math.max(this.#source().getTime(), this.#last + 1)
    this.#last = next
    return new Date(next)
  }
}
