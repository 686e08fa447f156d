// The values behind the preferences schema, free of zod so the renderer can import them
// without shipping the validator (main validates; the renderer only offers the choices).
export const LOCALE_CHOICES = ['system', 'en', 'ko'] as const
export const THEME_CHOICES = ['system', 'light', 'dark'] as const

/** Terminal font size in CSS pixels, and how many lines a terminal keeps above the screen. */
export const TERMINAL_FONT_SIZE = { min: 8, max: 32 } as const
export const TERMINAL_SCROLLBACK = { min: 100, max: 100_000 } as const
/** How many lines a log view keeps before the oldest leave it (memory stays bounded). */
export const LOG_LINES = { min: 1000, max: 1_000_000 } as const

export interface Preferences {
  locale: (typeof LOCALE_CHOICES)[number]
  theme: (typeof THEME_CHOICES)[number]
  terminalFontSize: number
  terminalScrollback: number
  logLines: number
}

export const DEFAULT_PREFERENCES: Preferences = { locale: 'system', theme: 'system', terminalFontSize: 13, terminalScrollback: 5000, logLines: 100_000 }
