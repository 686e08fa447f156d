import { describe, expect, it } from 'vitest'
import { mainStrings } from './strings'

describe('mainStrings', () => {
  it('follows the system language when the choice is "system"', () => {
    expect(mainStrings('system', 'ko-KR').open).toBe('열기')
    expect(mainStrings('system', 'fr-FR').open).toBe('Open')
  })

  it('prefers the chosen language over the system one', () => {
    expect(mainStrings('en', 'ko-KR').open).toBe('Open')
    expect(mainStrings('ko', 'en-US').cancel).toBe('취소')
  })

  it('tells, in both languages, how to run Berth instead of as root', () => {
    for (const lang of ['en', 'ko'] as const) {
      const s = mainStrings(lang, 'en-US')
      expect(s.runsAsRoot).toContain('BERTH_WEB=1 npm start')
      expect(s.noSandbox).toContain('--no-sandbox')
      expect(s.cannotStart).toContain('Berth')
    }
    expect(mainStrings('ko', 'en-US').runsAsRoot).not.toBe(mainStrings('en', 'en-US').runsAsRoot)
  })
})
