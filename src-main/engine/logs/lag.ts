/** How far behind the engine a followed log may fall before the view jumps to its newest lines. */
const LAG_LIMIT_MS = 2000

/**
 * Tells when a followed log has fallen behind: a line written while we follow should reach us
 * within moments, so if the newest line read is much older than the engine's clock says, the
 * engine is holding a backlog (a flood writes faster than the view can show). Times are on the
 * engine's clock (EngineConnection.engineNow); the least lag seen counts as zero, so what is
 * left of a clock difference after that estimate does not look like lag.
 */
export class LagWatch {
  private baseline = Infinity

  constructor(
    /** Lines before this (the engine's clock, epoch ms) are history the view asked for, not lag. */
    private readonly followingSince: number,
    private readonly limitMs = LAG_LIMIT_MS,
  ) {}

  /** The newest line just read (its engine time) at `now`: true when the view should jump ahead. */
  behind(lineMs: number, now: number): boolean {
    if (!lineMs || lineMs < this.followingSince - this.limitMs) return false
    const lag = now - lineMs
    if (lag < this.baseline) this.baseline = lag
    return lag - this.baseline > this.limitMs
  }
}
