import { describe, expect, it } from 'vitest'
import { touchesImages } from './changes'

const ev = (type: string, action: string) => ({ type, action, id: 'x', name: null, timeNano: 0 })

describe('image change feed', () => {
  it('reacts to images pulled, tagged, untagged, loaded or deleted, and to containers made or removed', () => {
    for (const a of ['pull', 'tag', 'untag', 'delete', 'load', 'import']) expect(touchesImages(ev('image', a))).toBe(true)
    for (const a of ['create', 'destroy']) expect(touchesImages(ev('container', a))).toBe(true)
  })

  it('ignores images only read (push, save) and container events that keep the counts', () => {
    for (const a of ['push', 'save']) expect(touchesImages(ev('image', a))).toBe(false)
    for (const a of ['start', 'die', 'rename', 'exec_start']) expect(touchesImages(ev('container', a))).toBe(false)
    expect(touchesImages(ev('volume', 'create'))).toBe(false)
  })
})
