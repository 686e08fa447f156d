import { describe, expect, it } from 'vitest'
import { exportFileName, formatLines, formatMergedLines, mergedFileName } from './export'

describe('log export text', () => {
  const lines = [
    { time: '2026-11-23T17:04:00.910008322Z', ms: 0, stream: 'stdout' as const, text: '한국어 line' },
    { time: '2026-11-23T17:04:01.000000001Z', ms: 0, stream: 'stderr' as const, text: 'err\rwith cr' },
  ]

  it('writes one line per log line, with the engine time when asked', () => {
    expect(formatLines(lines, false)).toBe('한국어 line\nerr\rwith cr\n')
    expect(formatLines(lines, true)).toBe('2026-11-23T17:04:00.910008322Z 한국어 line\n2026-11-23T17:04:01.000000001Z err\rwith cr\n')
  })

  it('names the file after the container and the local date', () => {
    expect(exportFileName('web', new Date(2026, 10, 3, 23, 59))).toBe('web-2026-11-03.log')
    expect(exportFileName('my app/../x', new Date(2026, 0, 1))).toBe('my_app_.._x-2026-01-01.log')
  })

  it('prefixes merged lines with their container’s name, padded to one width, the time after the bar', () => {
    const merged = [
      { source: 0, line: lines[0]! },
      { source: 1, line: lines[1]! },
    ]
    expect(formatMergedLines(merged, ['web', 'database'], false)).toBe('web      | 한국어 line\ndatabase | err\rwith cr\n')
    expect(formatMergedLines(merged, ['web', 'db'], true)).toBe('web | 2026-11-23T17:04:00.910008322Z 한국어 line\ndb  | 2026-11-23T17:04:01.000000001Z err\rwith cr\n')
  })

  it('names a merged export after its first container and how many more', () => {
    expect(mergedFileName(['web', 'db', 'cache'], new Date(2026, 10, 3))).toBe('logs-web-and-2-more-2026-11-03.log')
  })
})
