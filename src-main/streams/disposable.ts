export type Disposer = () => void

/** Collects disposers and runs each exactly once, newest first. */
export class DisposableStore {
  private items: Disposer[] = []
  private disposed = false

  add(d: Disposer): Disposer {
    if (this.disposed) {
      d()
      return d
    }
    this.items.push(d)
    return d
  }

  dispose(): void {
    this.disposed = true
    const items = this.items.reverse()
    this.items = []
    for (const d of items) {
      try {
        d()
      } catch {
        /* one failing disposer must not keep the others open */
      }
    }
  }
}
