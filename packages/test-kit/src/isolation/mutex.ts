// A FIFO async lock: one holder at a time, waiters served in arrival order.
export class Mutex {
  #tail: Promise<void> = Promise.resolve()

  /** Resolves with a release function once the lock is held. */
  acquire(): Promise<() => void> {
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const acquired = this.#tail.then(() => {
      let released = false
      return () => {
        if (released) return
        released = true
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
