import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest'
import { ARTIFACTS_DIR, engineReady, launchBrowser, openApp, screenshotIfFailed, startBerth, startEngineProxy, TestContainers, type BerthServer, type EngineProxy } from './harness'

// An engine that stops answering: Berth talks to the real engine through a proxy the test
// stalls (it holds every byte and answers nothing) for as long as the test needs, then lets go.
const ready = await engineReady()

describe.skipIf(!ready)('A stalled engine', () => {
  const containers = new TestContainers()
  let proxy: EngineProxy
  let berth: BerthServer
  let browser: Browser
  let context: BrowserContext | null = null
  let page: Page

  beforeAll(async () => {
    proxy = await startEngineProxy()
    berth = await startBerth({ engineUrl: proxy.url })
    // The deadline never comes first here: this test is about the person who stops waiting.
    berth.services.connection.deadlines = { readMs: 120_000, writeMs: 120_000 }
    browser = await launchBrowser()
  })
  afterAll(async () => {
    proxy?.answer()
    await context?.close()
    await browser?.close()
    await berth?.close()
    await proxy?.close()
    await containers.removeAll()
  })
  afterEach((ctx) => screenshotIfFailed(ctx.task, page))

  it('says the containers list waits for the engine, cancels it on Cancel, and lists once the engine answers and Retry is pressed', async () => {
    const name = containers.name('listed')
    await containers.run(name)
    proxy.stall()
    ;({ context, page } = await openApp(browser, berth))

    const waiting = page.getByTestId('engine-wait')
    await waiting.getByText('Waiting for the engine…').waitFor()
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'engine-wait.png') })
    // The rest of the app answers meanwhile: another screen opens, and back.
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('heading', { name: 'Settings' }).first().waitFor()
    await page.getByRole('link', { name: 'Containers' }).click()
    await waiting.getByRole('button', { name: 'Cancel' }).click()

    const failed = page.getByRole('alert').filter({ hasText: 'The request was cancelled.' })
    await failed.waitFor()
    await waiting.waitFor({ state: 'detached' })

    proxy.answer()
    await failed.getByRole('button', { name: 'Retry now' }).click()
    await page.getByRole('searchbox', { name: 'Search containers' }).fill(`e2e-${containers.runId}-`)
    await page.getByRole('link', { name: `Open ${name}`, exact: true }).waitFor()
  })
})
