/** Output waits at most this long: an echoed keystroke is on its way within a few ms… */
const OUTPUT_DELAY_MS = 4
/** …and a flood leaves in pieces of this many characters, not one message per engine chunk. */
const OUTPUT_MAX_CHARS = 64 * 1024

/**
 * Joins terminal output into few messages. Text that arrives after a quiet spell (an echoed
 * keystroke) leaves at once; what follows within `delayMs` of a send waits and leaves together
 * when that time is up, or at once when `maxChars` are waiting. So a flood is one message per
 * few ms, and typing pays no delay. The timer runs only while text waits.
 */
export class OutputBatcher {
  private parts: string[] = []
  private size = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastSent = -Infinity

  constructor(
    private readonly send: (text: string) => void,
    private readonly delayMs = OUTPUT_DELAY_MS,
    private readonly maxChars = OUTPUT_MAX_CHARS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Adds text; returns true when a full batch was sent (a moment to let the carrier write). */
  push(text: string): boolean {
    if (text === '') return false
    this.parts.push(text)
    this.size += text.length
    if (this.size >= this.maxChars) {
      this.flush()
      return true
    }
    if (this.timer) return false
    const wait = this.lastSent + this.delayMs - this.now()
    if (wait <= 0) this.flush()
    else
      this.timer = setTimeout(() => {
        this.timer = null
        this.flush()
      }, wait)
    return false
  }

  /** Sends whatever waits now (before a message that must follow it). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.size === 0) return
    const text = this.parts.join('')
    this.parts = []
    this.size = 0
    this.lastSent = this.now()
    this.send(text)
  }

  /** Drops what waits and stops the timer. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.parts = []
    this.size = 0
  }
}
