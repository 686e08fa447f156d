// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { guardFileDrops } from './file-drop-guard'

function drag(type: 'dragover' | 'drop', types: string[]) {
  return Object.assign(new Event(type, { cancelable: true, bubbles: true }), { dataTransfer: { types } })
}

let dispose = () => undefined as void
afterEach(() => dispose())

describe('guardFileDrops', () => {
  it('cancels a dragged or dropped file or link anywhere on the page, so the window never opens it in place of Berth', () => {
    dispose = guardFileDrops(window)
    for (const types of [['Files'], ['text/uri-list', 'text/plain']]) {
      for (const kind of ['dragover', 'drop'] as const) {
        const e = drag(kind, types)
        document.body.dispatchEvent(e)
        expect(e.defaultPrevented).toBe(true)
      }
    }
  })

  it('leaves plain text drags to the fields that take them', () => {
    dispose = guardFileDrops(window)
    const e = drag('drop', ['text/plain'])
    document.body.dispatchEvent(e)
    expect(e.defaultPrevented).toBe(false)
  })

  it('still hands a dropped file to an element that listens for it', () => {
    dispose = guardFileDrops(window)
    const zone = document.createElement('div')
    document.body.append(zone)
    const received: string[][] = []
    zone.addEventListener('drop', (e) => received.push([...((e as DragEvent).dataTransfer?.types ?? [])]))
    zone.dispatchEvent(drag('drop', ['Files']))
    expect(received).toEqual([['Files']])
    zone.remove()
  })

  it('stops guarding once disposed', () => {
    guardFileDrops(window)()
    const e = drag('drop', ['Files'])
    document.body.dispatchEvent(e)
    expect(e.defaultPrevented).toBe(false)
  })
})
