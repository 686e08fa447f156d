/** Output waits at most this long: an echoed keystroke is on its way within a few ms… */
export const OUTPUT_DELAY_MS = 4
/** …and a flood leaves in pieces of this many characters, not one message per engine chunk. */
export const OUTPUT_MAX_CHARS = 64 * 1024

/**
 * Joins terminal output into few messages: text waits `delayMs` after the first piece arrived
 * (later pieces join it), or leaves at once when `maxChars` are waiting. The timer runs only
 * while text waits.
 */
export class OutputBatcher {
  private parts: string[] = []
  private size = 0
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly send: (text: string) => void,
    private readonly delayMs = OUTPUT_DELAY_MS,
    private readonly maxChars = OUTPUT_MAX_CHARS,
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
    this.timer ??= setTimeout(() => {
      this.timer = null
      this.flush()
    }, this.delayMs)
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
