export const SUPPORTED_LOCALES = ['en', 'ko'] as const
export type Locale = (typeof SUPPORTED_LOCALES)[number]

/** The first of the browser's languages Berth speaks, else English. */
export function systemLocale(languages: readonly string[] = navigator.languages): Locale {
  for (const lang of languages) {
    const base = lang.toLowerCase().split('-')[0]
    if ((SUPPORTED_LOCALES as readonly string[]).includes(base ?? '')) return base as Locale
  }
  return 'en'
}
