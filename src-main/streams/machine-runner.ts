/** A state machine: every change of its state happens in `transition`, which says what to do as effects. */
export interface Machine<Input, Effect> {
  transition(input: Input): readonly Effect[]
}

/**
 * Feeds a machine its inputs one at a time and performs the effects of each before the next.
 * An input that arrives while effects are being performed (an emit whose subscriber leaves, a
 * report of loss that changes the connection's state) waits for them, so no transition starts
 * inside another. Once halted it performs nothing more, not even the rest of the current list.
 */
export class MachineRunner<Input, Effect> {
  private readonly queue: Input[] = []
  private busy = false
  private stopped = false

  constructor(
    private readonly machine: Machine<Input, Effect>,
    private readonly perform: (effect: Effect) => void,
  ) {}

  dispatch(input: Input): void {
    if (this.stopped) return
    this.queue.push(input)
    if (this.busy) return
    this.busy = true
    try {
      while (!this.stopped && this.queue.length > 0) {
        for (const effect of this.machine.transition(this.queue.shift() as Input)) {
          if (this.stopped) break
          this.perform(effect)
        }
      }
    } finally {
      this.busy = false
    }
  }

  halt(): void {
    this.stopped = true
    this.queue.length = 0
  }

  get halted(): boolean {
    return this.stopped
  }
}
