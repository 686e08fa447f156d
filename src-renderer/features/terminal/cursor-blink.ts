/** Half a blink period: the cursor is shown this long, then hidden this long. */
export const BLINK_MS = 530

export interface BlinkTarget {
  /** Hides (false) or shows (true) the cursor. */
  setVisible(visible: boolean): void
}

/**
 * A blinking cursor for xterm's DOM renderer that costs two frames a second. xterm blinks that
 * renderer's cursor with an infinite CSS animation, which keeps the page producing frames while
 * the terminal has focus; Chromium then holds incoming socket messages until each frame is done,
 * which delays every echoed keystroke by up to a frame. Here a timer toggles a class instead,
 * only while focused, and any activity shows the cursor solid and restarts the period (as
 * terminals do while you type).
 */
export class CursorBlink {
  private timer: ReturnType<typeof setInterval> | null = null
  private visible = true
  private enabled = true

  constructor(
    private readonly target: BlinkTarget,
    private readonly periodMs = BLINK_MS,
  ) {}

  /** The terminal got focus: start blinking. */
  focus(): void {
    if (this.enabled) this.restart()
  }

  /** The terminal lost focus: a steady cursor (xterm draws an outline) and no timer. */
  blur(): void {
    this.stopTimer()
    this.show()
  }

  /** A key or output: show the cursor now and blink again after a full period. */
  activity(): void {
    if (this.timer) this.restart()
  }

  /** Another renderer blinks the cursor (xterm's WebGL one): stand aside, cursor shown. */
  disable(): void {
    this.enabled = false
    this.blur()
  }

  /** Blinks again from the next focus (the WebGL renderer went away). */
  enable(): void {
    this.enabled = true
  }

  dispose(): void {
    this.disable()
  }

  private restart(): void {
    this.stopTimer()
    this.show()
    this.timer = setInterval(() => {
      this.visible = !this.visible
      this.target.setVisible(this.visible)
    }, this.periodMs)
  }

  private show(): void {
    if (!this.visible) {
      this.visible = true
      this.target.setVisible(true)
    }
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}
