import { describe, expect, it } from 'vitest'
import { childPath, parentPath, parseKeyValues, progressToken, volumeNameProblem } from './volume-form'

describe('volume form', () => {
  it('parses key=value lines, values keeping later = signs', () => {
    expect(parseKeyValues('type=nfs\n\n o = addr=10.0.0.1,rw \ndevice=:/export')).toEqual({ ok: true, values: { type: 'nfs', o: 'addr=10.0.0.1,rw', device: ':/export' } })
    expect(parseKeyValues('')).toEqual({ ok: true, values: {} })
    expect(parseKeyValues('empty=')).toEqual({ ok: true, values: { empty: '' } })
  })

  it('names the first bad line: no =, empty key, spaces in the key, a repeated key', () => {
    expect(parseKeyValues('a=1\nnovalue')).toEqual({ ok: false, line: 2, text: 'novalue' })
    expect(parseKeyValues('=x')).toMatchObject({ ok: false, line: 1 })
    expect(parseKeyValues('my key=x')).toMatchObject({ ok: false, line: 1 })
    expect(parseKeyValues('a=1\na=2')).toMatchObject({ ok: false, line: 2 })
  })

  it('names a line whose key an object would swallow or main refuses, instead of dropping it', () => {
    expect(parseKeyValues('a=1\n__proto__=x')).toEqual({ ok: false, line: 2, text: '__proto__=x' })
    expect(parseKeyValues('constructor=x')).toMatchObject({ ok: false, line: 1 })
    expect(parseKeyValues('prototype=x')).toMatchObject({ ok: false, line: 1 })
    expect(parseKeyValues('toString=x\nproto=y')).toEqual({ ok: true, values: { toString: 'x', proto: 'y' } })
  })

  it('checks names with the engine’s grammar; empty lets the engine pick', () => {
    expect(volumeNameProblem('')).toBeNull()
    expect(volumeNameProblem('pg_data.v-2')).toBeNull()
    expect(volumeNameProblem('a')).toBe('short')
    expect(volumeNameProblem('-a')).toBe('chars')
    expect(volumeNameProblem('a b')).toBe('chars')
    expect(volumeNameProblem('데이터')).toBe('chars')
  })

  it('walks volume paths and makes progress tokens the contract accepts', () => {
    expect(parentPath('/a/b')).toBe('/a')
    expect(parentPath('/a')).toBe('/')
    expect(parentPath('/')).toBe('/')
    expect(childPath('/', 'x')).toBe('/x')
    expect(childPath('/a', 'x')).toBe('/a/x')
    expect(progressToken()).toMatch(/^[\w-]{16,64}$/)
    expect(progressToken()).not.toBe(progressToken())
  })
})
