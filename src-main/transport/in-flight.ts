/**
 * One session's requests still waiting for their answer, by the id the page gave them, so a
 * `cancel` from the page can abort one, and a closed page aborts them all. An id already in use
 * (or none) gets no cancel: the request still runs to its answer or its deadline.
 */
export class InFlight {
  private readonly waiting = new Map<number, AbortController>()

  /** The cancel signal for request `id`, held until `finish(id)`. */
  start(id: unknown): { signal?: AbortSignal; finish(): void } {
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || this.waiting.has(id)) return { finish: () => undefined }
    const controller = new AbortController()
    this.waiting.set(id, controller)
    return { signal: controller.signal, finish: () => this.waiting.get(id) === controller && this.waiting.delete(id) }
  }

  cancel(id: unknown): void {
    if (typeof id !== 'number') return
    this.waiting.get(id)?.abort()
    this.waiting.delete(id)
  }

  cancelAll(): void {
    for (const controller of this.waiting.values()) controller.abort()
    this.waiting.clear()
  }

  get size(): number {
    return this.waiting.size
  }
}
