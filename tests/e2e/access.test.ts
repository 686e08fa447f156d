import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, openApp, screenshotIfFailed, startBerth, type BerthServer } from './harness'

// Browser mode keeps other local pages out: no cookie (cookies ignore the port, so every other
// server on 127.0.0.1 would receive one), the token in the link's fragment and then in the tab,
// presented on the socket; and the Origin check on the WebSocket. No engine is needed for this.

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

  // Every request the other local server received, with its headers.
  const otherSaw: { url: string; headers: Record<string, string | string[] | undefined> }[] = []

  beforeAll(async () => {
    berth = await startBerth()
    browser = await launchBrowser()
    // Another local web page, on another port of the same host: same site, other origin.
    otherSite = createServer((req, res) => {
      otherSaw.push({ url: req.url ?? '', headers: req.headers })
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

  it('never lets another server on 127.0.0.1 receive the token, from the same browser that runs Berth', async () => {
    const opened = await openApp(browser, berth)
    contexts.push(opened.context)
    page = opened.page

    otherSaw.length = 0
    const other = await opened.context.newPage()
    await other.goto(`${otherOrigin}/`)
    await other.evaluate((target) => fetch(target, { credentials: 'include' }).then((r) => r.text()), `${otherOrigin}/again`)
    // And Berth's own tab, sent to the other page (as following a link would).
    await page.goto(`${otherOrigin}/from-berth`)
    // (Chromium may also ask for /favicon.ico: every request counts.)
    expect(otherSaw.map((r) => r.url)).toEqual(expect.arrayContaining(['/', '/again', '/from-berth']))
    for (const seen of otherSaw) {
      expect(seen.headers.cookie, seen.url).toBeUndefined()
      expect(JSON.stringify(seen.headers), seen.url).not.toContain(berth.token)
    }
    expect(await opened.context.cookies()).toEqual([])
  })

  it('takes the token out of the address, keeps it in the tab across a reload, and sets no cookie', async () => {
    const opened = await openApp(browser, berth)
    contexts.push(opened.context)
    page = opened.page
    expect(page.url()).toBe(`${berth.origin}/#/containers`)
    expect(await page.evaluate(() => document.cookie)).toBe('')
    await page.reload()
    expect(await page.evaluate(() => sessionStorage.getItem('berth:token'))).toBe(berth.token)
    // Main answered engine:state over the socket (connected, or no engine: either is an answer).
    await page.locator('footer.status-bar.connected, footer.status-bar.disconnected').waitFor()
    expect(await opened.context.cookies()).toEqual([])
  })

  it('shows a page opened without Berth’s link what to open, and refuses its socket', async () => {
    const context = await browser.newContext({ locale: 'en-US' })
    contexts.push(context)
    page = await context.newPage()
    const bare = await page.goto(`${berth.origin}/#/containers`)
    expect(bare?.status()).toBe(200)
    await page.getByRole('heading', { name: 'This page needs Berth’s link' }).waitFor()
    expect(await probeSocket(page, `ws://127.0.0.1:${berth.server.port}/ws`)).not.toContain('open')
    expect(await probeSocket(page, `ws://127.0.0.1:${berth.server.port}/ws?token=${'x'.repeat(berth.token.length)}`)).not.toContain('open')
  })

  it('refuses a WebSocket opened by a page on another origin, even one that knows the token', async () => {
    const opened = await openApp(browser, berth)
    contexts.push(opened.context)
    page = opened.page
    const wsUrl = `ws://127.0.0.1:${berth.server.port}/ws?token=${berth.token}`

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
