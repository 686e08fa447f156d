import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startHubFixture, type HubFixture } from '../helpers/hub-fixture'
import { launchBrowser, openApp, screenshotIfFailed, startBerth, type BerthServer } from './harness'

// The Docker Hub screens in Chromium, against the local server that answers with the Hub's JSON.
// The engine is not needed: the Hub is browsed without one.
describe('Docker Hub browser', () => {
  let hub: HubFixture
  let berth: BerthServer
  let browser: Browser
  let context: BrowserContext | null = null
  let page: Page
  const dialogs: string[] = []

  beforeAll(async () => {
    hub = await startHubFixture()
    berth = await startBerth({ hubUrl: hub.url })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await berth?.close()
    await hub?.close()
  })
  beforeEach(async () => {
    hub.setMode('ok')
    await context?.close()
    ;({ context, page } = await openApp(browser, berth))
    // A README that managed to run script would most likely show an alert: record any dialog.
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
  })
  afterEach((ctx) => screenshotIfFailed(ctx.task, page))

  const nav = () => page.getByRole('navigation', { name: 'Main navigation' })
  const searchbox = () => page.getByRole('searchbox', { name: 'Search Docker Hub' })
  const results = () => page.getByRole('list', { name: /^Results for / }).getByRole('listitem')

  async function searchFor(query: string): Promise<void> {
    await nav().getByRole('link', { name: 'Docker Hub' }).click()
    await searchbox().fill(query)
    await searchbox().press('Enter')
    await page.getByRole('list', { name: `Results for ${query}` }).waitFor()
  }

  it('searches the Hub, marks official and verified images, pages, and filters to official images', async () => {
    await searchFor('nginx')
    const first = results().first()
    await expect.poll(() => first.innerText()).toContain('Docker Official Image')
    expect(await results().filter({ hasText: 'Verified Publisher' }).count()).toBeGreaterThan(1)
    expect(await results().count()).toBe(25)
    await page.getByText(/1–25 of 31 results/).waitFor()
    expect(await page.getByText(/Docker Hub requests left: \d+ of 180/).count()).toBe(1)

    await page.getByRole('navigation', { name: 'Result pages' }).getByRole('button', { name: 'Next' }).click()
    await page.getByText(/26–31 of 31 results/).waitFor()
    expect(await results().count()).toBe(6)

    await page.getByRole('checkbox', { name: 'Official images only' }).check()
    await page.getByText(/1–1 of 1 results/).waitFor()
    expect(await results().allInnerTexts()).toEqual([expect.stringContaining('nginx')])
    expect(await results().first().getByRole('link').innerText()).toBe('nginx')
    // The filter is in the URL: back returns to the unfiltered second page.
    await page.goBack()
    await page.getByText(/26–31 of 31 results/).waitFor()
  })

  it('opens a repository with its README rendered and its hostile parts inert, then its tags, and Pull opens the pull dialog', async () => {
    await searchFor('nginx')
    await page.getByRole('link', { name: 'nginx', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'nginx', exact: true }).waitFor()
    const readme = page.getByRole('tabpanel', { name: 'README' })
    await readme.getByRole('heading', { name: 'What is nginx?' }).waitFor()
    // The README's own top headings sit below the page's: one h1, the repository's name.
    expect(await page.getByRole('heading', { level: 1 }).allInnerTexts()).toEqual(['nginx'])
    // Tables, code blocks and links made it through the sanitizer.
    await readme.getByRole('cell', { name: 'NGINX_HOST' }).waitFor()
    expect(await readme.locator('pre code').first().innerText()).toContain('docker run --name some-nginx')
    expect(await readme.getByRole('link', { name: 'the nginx documentation' }).getAttribute('href')).toBe('https://nginx.org/en/docs/')
    expect(await readme.getByRole('link', { name: 'the nginx documentation' }).getAttribute('target')).toBe('_blank')
    // The hostile parts: no script, no handlers, no javascript: links, nothing ran.
    const state = await page.evaluate(() => ({
      scripts: document.querySelectorAll('main script').length,
      frames: document.querySelectorAll('main iframe, main form, main img').length,
      handlers: [...document.querySelectorAll('main *')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value))).length,
      pwned: (window as unknown as { __hubPwned?: string }).__hubPwned ?? null,
    }))
    expect(state).toEqual({ scripts: 0, frames: 0, handlers: 0, pwned: null })
    await readme.getByText('Click for a free upgrade').click()
    await readme.getByText('Another trap').click()
    expect(await page.evaluate(() => (window as unknown as { __hubPwned?: string }).__hubPwned ?? null)).toBeNull()
    expect(dialogs).toEqual([])
    expect(page.url()).toContain('#/hub/library/nginx')

    await page.getByRole('tab', { name: 'Tags' }).click()
    const latest = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'latest', exact: true }) })
    await latest.waitFor()
    expect(await latest.getByRole('listitem').allInnerTexts()).toEqual(['linux/amd64', 'linux/arm/v7', 'linux/arm64/v8', 'linux/386', 'linux/ppc64le', 'linux/s390x'])
    await page.getByText(/1–25 of 30 tags/).waitFor()
    await latest.getByRole('combobox', { name: 'Platform for nginx:latest' }).selectOption('linux/arm64/v8')
    await latest.getByRole('button', { name: 'Pull nginx:latest' }).click()
    // The images screens' pull dialog, given the reference and the chosen platform.
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    expect(await dialog.getByRole('textbox', { name: 'Platform (optional)' }).inputValue()).toBe('linux/arm64/v8')
    expect(await dialog.getByRole('textbox', { name: 'Image reference' }).inputValue()).toBe('nginx:latest')
  })

  it('says how long to wait when the Hub rate-limits, and that it is unreachable when it is, while the rest of Berth works', async () => {
    hub.setMode('rate-limited', { retryAfter: 120 })
    await nav().getByRole('link', { name: 'Docker Hub' }).click()
    await searchbox().fill('postgres')
    await searchbox().press('Enter')
    await page.getByRole('alert').filter({ hasText: 'Docker Hub is limiting requests from this address. Try again in 2 minutes.' }).waitFor()

    hub.setMode('close')
    await page.getByRole('button', { name: 'Try again' }).click()
    await page.getByRole('alert').filter({ hasText: 'Docker Hub cannot be reached' }).waitFor()

    await nav().getByRole('link', { name: 'Containers' }).click()
    await page.getByRole('heading', { level: 1, name: 'Containers' }).waitFor()

    // Back on the Hub once it answers again: the search runs anew (failures are not cached).
    hub.setMode('ok')
    await page.goBack()
    await page.getByText('Docker Hub has nothing for “postgres”.').waitFor()
  })
})
