import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, openApp, screenshotIfFailed, startBerth, type BerthServer } from './harness'

// Browser mode keeps other local pages out: the token (URL once, then an HttpOnly cookie) and
// the Origin check on the WebSocket. No engine is needed for this.

/** Opens a WebSocket from the page and says what happened first: open, error or close. */
function probeSocket(page: Page, url: string): Promise<string[]> {
  return page.evaluate(
    (target) =>
      new Promise<string[]>((done) => {
        const seen: string[] = []
        const ws = new WebSocket(target)
        const finish = () => {
          ws.close()
          done(seen)
        }
        ws.onopen = () => {
          seen.push('open')
          finish()
        }
        ws.onerror = () => seen.push('error')
        ws.onclose = (e) => {
          seen.push(`close ${e.code}`)
          finish()
        }
      }),
    url,
  )
}

describe('Browser mode access', () => {
  let berth: BerthServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  let page: Page | null = null
  let otherSite: Server
  let otherOrigin: string

  beforeAll(async () => {
    berth = await startBerth()
    browser = await launchBrowser()
    // Another local web page, on another port of the same host: same site, other origin.
    otherSite = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end('<!doctype html><title>another local page</title><p>hello</p>')
    })
    await new Promise<void>((done) => otherSite.listen(0, '127.0.0.1', done))
    otherOrigin = `http://127.0.0.1:${(otherSite.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await berth?.close()
    await new Promise<void>((done) => (otherSite ? otherSite.close(() => done()) : done()))
  })
  afterEach((ctx) => screenshotIfFailed(ctx.task, page))

  it('answers 403 to a browser without the token, and to a wrong token, and serves the app for the right one', async () => {
    const context = await browser.newContext()
    contexts.push(context)
    page = await context.newPage()

    const bare = await page.goto(`${berth.origin}/`)
    expect(bare?.status()).toBe(403)
    expect(await page.locator('body').innerText()).toContain('needs the link with its token')
    const wrong = await page.goto(`${berth.origin}/?token=${'x'.repeat(berth.token.length)}`)
    expect(wrong?.status()).toBe(403)
    expect(await context.cookies()).toEqual([])

    // The right link trades the token for an HttpOnly cookie and drops it from the address.
    const right = await page.goto(berth.url)
    expect(right?.status()).toBe(200)
    expect(page.url()).toBe(`${berth.origin}/#/containers`)
    const [cookie] = await context.cookies()
    expect(cookie).toMatchObject({ value: berth.token, httpOnly: true, sameSite: 'Strict' })
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor()
    expect(await page.evaluate(() => document.cookie)).toBe('')
  })

  it('refuses a WebSocket opened by a page on another origin, though the same browser holds the cookie', async () => {
    const opened = await openApp(browser, berth)
    contexts.push(opened.context)
    page = opened.page
    const wsUrl = `ws://127.0.0.1:${berth.server.port}/ws`

    // From Berth's own page the same socket opens: the probe can tell the difference.
    expect(await probeSocket(page, wsUrl)).toEqual(['open'])

    const other = await opened.context.newPage()
    page = other
    await other.goto(otherOrigin)
    const seen = await probeSocket(other, wsUrl)
    expect(seen).not.toContain('open')
    expect(seen[0]).toBe('error')
  })
})
