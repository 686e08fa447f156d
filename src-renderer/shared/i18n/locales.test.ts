import { describe, expect, it } from 'vitest'
import { systemLocale } from './locales'

describe('systemLocale', () => {
  it('picks Korean for ko-KR and English for languages Berth does not speak', () => {
    expect(systemLocale(['ko-KR', 'en-US'])).toBe('ko')
    expect(systemLocale(['fr-FR', 'de'])).toBe('en')
    expect(systemLocale(['fr-FR', 'ko'])).toBe('ko')
  })
})
