import type { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'

// Electron's BrowserWindow, as far as createMainWindow and hardenWebContents use it.
const electron = vi.hoisted(() => ({ windows: [] as { loaded: string[]; webContents: EventEmitter }[], externalAsks: [] as string[] }))
vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  class BrowserWindow extends EventEmitter {
    loaded: string[] = []
    webContents = Object.assign(new EventEmitter(), {
      setWindowOpenHandler: () => undefined,
      session: { webRequest: { onHeadersReceived: () => undefined } },
    })
    constructor() {
      super()
      electron.windows.push(this)
    }
    loadURL(url: string) {
      this.loaded.push(url)
      return Promise.resolve()
    }
  }
  return {
    BrowserWindow,
    nativeTheme: { shouldUseDarkColors: false },
    dialog: { showMessageBox: async (_w: unknown, o: { detail: string }) => (electron.externalAsks.push(o.detail), { response: 1 }) },
    shell: { openExternal: async () => undefined },
    session: {},
  }
})

const { createMainWindow } = await import('./main-window')
const { APP_ENTRY_URL, trustedOrigins } = await import('../transport/app-origin')

function open(devServerUrl?: string) {
  createMainWindow({
    entryUrl: devServerUrl ?? APP_ENTRY_URL,
    origins: trustedOrigins(devServerUrl),
    preloadPath: '/app/out/preload/index.js',
    iconPath: '/app/resources/icon.png',
    strings: () => ({ openLinkQuestion: 'Open?', open: 'Open', cancel: 'Cancel', cannotStart: '', runsAsRoot: '', noSandbox: '' }),
  })
  return electron.windows.at(-1)!
}

function navigate(win: { webContents: EventEmitter }, url: string): boolean {
  let prevented = false
  win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url)
  return prevented
}

beforeEach(() => {
  electron.windows.length = 0
  electron.externalAsks.length = 0
})

describe('createMainWindow', () => {
  it('loads the renderer from app://berth, not from file://', () => {
    expect(open().loaded).toEqual([APP_ENTRY_URL])
  })

  it('keeps a dropped file:// page out of the window, and stays on its own pages', () => {
    const win = open()
    expect(navigate(win, 'file:///home/me/Downloads/dropped.html')).toBe(true)
    expect(navigate(win, 'file:///tmp/picture.svg')).toBe(true)
    expect(navigate(win, 'app://berth/index.html#/images')).toBe(false)
    // file:// is never offered to the OS browser either: only http(s) links are.
    expect(electron.externalAsks).toEqual([])
  })

  it('allows the dev server only when it serves the renderer', () => {
    expect(open('http://localhost:5173/').loaded).toEqual(['http://localhost:5173/'])
    expect(navigate(electron.windows.at(-1)!, 'http://localhost:5173/#/volumes')).toBe(false)
    expect(navigate(open(), 'http://localhost:5173/')).toBe(true)
  })
})
