/** A fixed-size buffer that keeps the newest `capacity` items, oldest dropped first. */
export class Ring<T> {
  private readonly items: (T | undefined)[]
  private start = 0
  private count = 0

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('a ring holds at least one item')
    this.items = new Array<T | undefined>(capacity)
  }

  get size(): number {
    return this.count
  }

  push(item: T): void {
    const at = (this.start + this.count) % this.capacity
    this.items[at] = item
    if (this.count < this.capacity) this.count++
    else this.start = (this.start + 1) % this.capacity
  }

  /** The newest item, if any. */
  last(): T | undefined {
    return this.count === 0 ? undefined : this.items[(this.start + this.count - 1) % this.capacity]
  }

  /** Oldest first. */
  toArray(): T[] {
    const out = new Array<T>(this.count)
    for (let i = 0; i < this.count; i++) out[i] = this.items[(this.start + i) % this.capacity] as T
    return out
  }

  clear(): void {
    this.items.fill(undefined)
    this.start = 0
    this.count = 0
  }
}
