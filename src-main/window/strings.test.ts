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
})
