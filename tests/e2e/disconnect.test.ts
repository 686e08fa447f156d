import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { engineReady, launchBrowser, openApp, screenshotIfFailed, startBerth, startEngineProxy, TestContainers, type BerthServer, type EngineProxy } from './harness'

// Losing the engine: Berth talks to the real engine through a socket proxy the test can cut.
// The real dockerd keeps running throughout.
const ready = await engineReady()
const POLL = { timeout: 30_000, interval: 200 }

describe.skipIf(!ready)('Engine disconnection', () => {
  const containers = new TestContainers()
  let proxy: EngineProxy
  let berth: BerthServer
  let browser: Browser
  let context: BrowserContext | null = null
  let page: Page

  beforeAll(async () => {
    proxy = await startEngineProxy()
    berth = await startBerth({ engineUrl: proxy.url })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await berth?.close()
    await proxy?.close()
    await containers.removeAll()
  })
  afterEach((ctx) => screenshotIfFailed(ctx.task, page))

  it('shows the banner and an empty list while the engine is away, then lists again by itself, including what changed meanwhile', async () => {
    ;({ context, page } = await openApp(browser, berth))
    const link = (name: string) => page.getByRole('link', { name: `Open ${name}`, exact: true })
    const banner = page.getByRole('alert').filter({ hasText: 'The engine is not reachable' })
    const status = page.getByRole('contentinfo', { name: 'Engine status' })

    const before = containers.name('before')
    await containers.run(before)
    await page.getByRole('searchbox', { name: 'Search containers' }).fill(`e2e-${containers.runId}-`)
    await link(before).waitFor()
    expect(await status.innerText()).toContain('Connected')

    await proxy.cut()
    await banner.waitFor()
    await banner.getByRole('button', { name: 'Retry now' }).waitFor()
    // The socket is gone: main watches for it instead of counting down to a timed retry.
    await banner.getByText('Berth reconnects the moment the engine is back.').waitFor()
    expect(await banner.innerText()).not.toMatch(/Retrying in/)
    // Nothing stale: the rows from the lost engine are gone, not frozen.
    expect(await page.getByRole('table').count()).toBe(0)
    expect(await link(before).count()).toBe(0)
    await expect.poll(() => status.innerText(), POLL).toMatch(/Disconnected|Connecting/)

    // The engine itself is fine; only Berth's way to it is cut.
    const during = containers.name('during')
    await containers.run(during)
    expect(await link(during).count()).toBe(0)

    await proxy.restore()
    await link(during).waitFor({ timeout: POLL.timeout })
    await link(before).waitFor()
    await banner.waitFor({ state: 'detached' })
    expect(await status.innerText()).toContain('Connected')
  })

  it('keeps a followed log across the loss: a divider when the engine went and when it answered, then every line once', async () => {
    ;({ context, page } = await openApp(browser, berth))
    const counter = containers.name('counter')
    await containers.run(counter, { cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo line$i; sleep 0.2; done'] })
    await page.getByRole('searchbox', { name: 'Search containers' }).fill(counter)
    await page.getByRole('link', { name: `Open ${counter}`, exact: true }).click()
    await page.getByRole('tab', { name: 'Logs' }).click()
    const log = page.getByRole('log', { name: 'Log lines' })
    await log.getByText('line3', { exact: true }).waitFor()

    await proxy.cut()
    await log.getByText(/Lost the engine at/).waitFor({ timeout: POLL.timeout })
    await proxy.restore()
    await log.getByText(/The engine answered again at/).waitFor({ timeout: POLL.timeout })
    const texts = async () => (await log.locator('.row .text').allInnerTexts()).filter((t) => t.startsWith('line'))
    const shown = (await texts()).length
    await expect.poll(async () => (await texts()).length, POLL).toBeGreaterThan(shown + 3)
    const lines = await texts()
    expect(lines).toEqual(lines.map((_, i) => `line${i + 1}`))
  })
})
