import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { commonEn } from './i18n/en'
import { commonKo } from './i18n/ko'
import { timeAgoText } from './use-time-ago'

const translator = (locale: 'en' | 'ko') => createI18n({ legacy: false, locale, messages: { en: commonEn, ko: commonKo } }).global.t

describe('timeAgoText', () => {
  const now = Date.UTC(2026, 0, 10, 12, 0, 0)

  it('says just now for the last few seconds and picks the plural form by the count', () => {
    const t = translator('en')
    expect(timeAgoText(t, now - 2_000, now)).toBe('just now')
    expect(timeAgoText(t, now - 60_000, now)).toBe('1 minute ago')
    expect(timeAgoText(t, now - 3 * 3_600_000, now)).toBe('3 hours ago')
  })

  it('speaks the current language', () => {
    expect(timeAgoText(translator('ko'), now - 2 * 86_400_000, now)).toBe('2일 전')
  })
})
