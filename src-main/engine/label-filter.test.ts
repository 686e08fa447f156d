import { describe, expect, it } from 'vitest'
import { matchesLabelFilter } from './label-filter'

describe('matchesLabelFilter', () => {
  it('matches a key, or a key and its value', () => {
    expect(matchesLabelFilter({ team: 'web' }, 'team')).toBe(true)
    expect(matchesLabelFilter({ team: 'web' }, 'team=web')).toBe(true)
    expect(matchesLabelFilter({ team: 'web' }, 'team=db')).toBe(false)
    expect(matchesLabelFilter({ team: 'web' }, 'owner')).toBe(false)
    expect(matchesLabelFilter(null, 'team')).toBe(false)
  })

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'constructor=x'])('a filter %s matches no object that lacks that label', (filter) => {
    expect(matchesLabelFilter({ team: 'web' }, filter)).toBe(false)
    expect(matchesLabelFilter({}, filter)).toBe(false)
  })

  it('a label that really is named constructor is matched like any other', () => {
    const labels = Object.fromEntries([
      ['constructor', 'x'],
      ['__proto__', 'y'],
    ]) as Record<string, string>
    expect(matchesLabelFilter(labels, 'constructor')).toBe(true)
    expect(matchesLabelFilter(labels, 'constructor=x')).toBe(true)
    expect(matchesLabelFilter(labels, '__proto__=y')).toBe(true)
    expect(matchesLabelFilter(labels, 'constructor=y')).toBe(false)
  })
})
