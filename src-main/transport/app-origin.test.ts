import { describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, isTrustedSender, isTrustedUrl, trustedOrigins } from './app-origin'

describe('isTrustedUrl', () => {
  const packaged = trustedOrigins(undefined)

  it('trusts our own app://berth pages, and nothing on file://, however it got into the window', () => {
    expect(isTrustedUrl(APP_ENTRY_URL, packaged)).toBe(true)
    expect(isTrustedUrl('app://berth/index.html#/containers/abc', packaged)).toBe(true)
    expect(isTrustedUrl('file:///home/me/Downloads/evil.html', packaged)).toBe(false)
    expect(isTrustedUrl('file:///opt/Berth/resources/app.asar/out/renderer/index.html', packaged)).toBe(false)
  })

  it('refuses look-alike hosts, other schemes and URLs that do not parse', () => {
    for (const url of [
      'app://berth.evil/index.html',
      'app://evil/index.html',
      'app://berth@evil/',
      'app://berth:8080/',
      'https://berth/',
      'blob:app://berth/1234',
      'data:text/html,hi',
      'about:blank',
      'not a url',
    ]) {
      expect(isTrustedUrl(url, packaged), url).toBe(false)
    }
  })

  it('trusts the dev server only while it serves the renderer, and only its own origin', () => {
    const dev = trustedOrigins('http://localhost:5173/')
    expect(isTrustedUrl('http://localhost:5173/#/images', dev)).toBe(true)
    expect(isTrustedUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isTrustedUrl('http://localhost:5173/', packaged)).toBe(false)
  })
})

describe('isTrustedSender', () => {
  const origins = trustedOrigins(undefined)
  const mainFrame = { url: APP_ENTRY_URL }
  const wc = { mainFrame }

  it('accepts our window main frame showing app://berth/index.html', () => {
    expect(isTrustedSender({ sender: wc, senderFrame: mainFrame }, wc, origins)).toBe(true)
  })

  it('refuses our main frame once it shows a file:// page or another origin', () => {
    for (const url of ['file:///tmp/dropped.svg', 'https://example.com/']) {
      const frame = { url }
      expect(isTrustedSender({ sender: { mainFrame: frame }, senderFrame: frame }, { mainFrame: frame }, origins), url).toBe(false)
    }
  })

  it('refuses a subframe, even one on our origin, another window, and a frame that is gone', () => {
    expect(isTrustedSender({ sender: wc, senderFrame: { url: APP_ENTRY_URL } }, wc, origins)).toBe(false)
    expect(isTrustedSender({ sender: { mainFrame }, senderFrame: mainFrame }, wc, origins)).toBe(false)
    expect(isTrustedSender({ sender: wc, senderFrame: null }, wc, origins)).toBe(false)
  })

  it('refuses, without throwing, a frame Electron can no longer read', () => {
    const gone = {
      get senderFrame(): { url: string } {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed')
      },
      sender: wc,
    }
    expect(isTrustedSender(gone, wc, origins)).toBe(false)
  })
})
