import { describe, expect, it } from 'vitest'
import { parsePathStat, resolveLink } from './probe'

const header = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64')

describe('parsePathStat', () => {
  it('reads the engine’s base64 JSON path stat', () => {
    expect(parsePathStat(header({ name: 'sh', size: 7, mode: 134218239, mtime: '2024-01-01T00:00:00Z', linkTarget: 'busybox' }))).toEqual({ name: 'sh', mode: 134218239, linkTarget: 'busybox' })
  })

  it('gives null for a missing or unreadable header', () => {
    expect(parsePathStat(undefined)).toBeNull()
    expect(parsePathStat('')).toBeNull()
    expect(parsePathStat('not base64 json')).toBeNull()
    expect(parsePathStat(header({ name: 'x' }))).toBeNull()
  })
})

describe('resolveLink', () => {
  it('resolves relative targets against the link’s directory', () => {
    expect(resolveLink('/bin/sh', 'busybox')).toBe('/bin/busybox')
    expect(resolveLink('/usr/bin/bash', '../../bin/bash')).toBe('/bin/bash')
    expect(resolveLink('/bin/sh', './dash')).toBe('/bin/dash')
  })

  it('keeps absolute targets', () => {
    expect(resolveLink('/bin/sh', '/usr/bin/dash')).toBe('/usr/bin/dash')
  })
})
