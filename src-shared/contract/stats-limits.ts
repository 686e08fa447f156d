// Stats values the renderer needs, free of zod so importing them does not ship the validator.

/** How many containers the list and overview sample at once (the engine pays for each open stream). */
export const STATS_WATCH_MAX = 60
