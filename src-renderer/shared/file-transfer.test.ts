// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { startBrowserDownload } from './file-transfer'

describe('startBrowserDownload', () => {
  it('clicks a download link to the url once and leaves nothing behind', () => {
    const clicked: Array<{ href: string; download: string; attached: boolean }> = []
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.getAttribute('download') ?? '(none)', attached: this.isConnected })
    })
    startBrowserDownload('http://127.0.0.1:4000/download/abc')
    click.mockRestore()
    expect(clicked).toEqual([{ href: 'http://127.0.0.1:4000/download/abc', download: '', attached: true }])
    expect(document.querySelectorAll('a')).toHaveLength(0)
  })
})
