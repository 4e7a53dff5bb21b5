// A FIFO async lock: one holder at a time, waiters served in arrival order.
export class Mutex {
  #tail: Promise<void> = Promise.resolve()
  #pending = 0

  /** Whether someone holds the lock or waits for it. */
  get busy(): boolean {
    return this.#pending > 0
  }

  /**
   * Takes a place in the queue now and resolves with a release function once the lock is held
   * (the place is kept even if the caller awaits the promise later).
   */
  acquire(): Promise<() => void> {
    this.#pending++
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const acquired = this.#tail.then(() => {
      let released = false
      return () => {
        if (released) return
        released = true
        this.#pending--
        release()
      }
    })
    this.#tail = this.#tail.then(() => held)
    return acquired
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire()
    try {
      return await fn()
    } finally {
      release()
    }
  }
}
