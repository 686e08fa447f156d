// The values behind the preferences schema, free of zod so the renderer can import them
// without shipping the validator (main validates; the renderer only offers the choices).
export const LOCALE_CHOICES = ['system', 'en', 'ko'] as const
export const THEME_CHOICES = ['system', 'light', 'dark'] as const

export interface Preferences {
  locale: (typeof LOCALE_CHOICES)[number]
  theme: (typeof THEME_CHOICES)[number]
}

export const DEFAULT_PREFERENCES: Preferences = { locale: 'system', theme: 'system' }
