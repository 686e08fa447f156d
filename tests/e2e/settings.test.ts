import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, openApp, screenshotIfFailed, startBerth, type BerthServer } from './harness'

// Language is a preference kept by main: it survives a reload and a fresh browser profile.
// No engine is needed; without one the banner shows, and the texts change all the same.
describe('Settings: language', () => {
  let berth: BerthServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  let page: Page

  beforeAll(async () => {
    berth = await startBerth()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await berth?.close()
  })
  afterEach((ctx) => screenshotIfFailed(ctx.task, page))

  async function newPage(): Promise<Page> {
    const opened = await openApp(browser, berth, { locale: 'en-US' })
    contexts.push(opened.context)
    page = opened.page
    return page
  }
  const nav = () => page.getByRole('navigation', { name: /^(Main navigation|주 메뉴)$/ })

  it('switches the interface to Korean from Settings, keeps it after a reload and in a new browser, and switches back to English', async () => {
    await newPage()
    await nav().getByRole('link', { name: 'Containers' }).waitFor()
    await nav().getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()

    await page.getByLabel('Language').selectOption({ label: '한국어' })
    await nav().getByRole('link', { name: '컨테이너' }).waitFor()
    await page.getByRole('heading', { level: 1, name: '설정' }).waitFor()
    expect(await nav().getByRole('link', { name: 'Containers' }).count()).toBe(0)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko')

    await page.reload()
    await nav().getByRole('link', { name: '컨테이너' }).waitFor()
    expect(await page.getByLabel('언어').inputValue()).toBe('ko')

    // A new browser profile has no local state: the choice came from main.
    await newPage()
    await nav().getByRole('link', { name: '컨테이너' }).waitFor()
    await nav().getByRole('link', { name: '설정' }).click()
    await page.getByLabel('언어').selectOption({ label: 'English' })
    await nav().getByRole('link', { name: 'Containers' }).waitFor()
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')

    await page.reload()
    await nav().getByRole('link', { name: 'Containers' }).waitFor()
    expect(await nav().getByRole('link', { name: '컨테이너' }).count()).toBe(0)
  })
})

// Adding a tcp:// engine offers its TLS certificate folder; a folder without the files is
// refused in words, and nothing is added.
describe('Settings: adding a TLS engine', () => {
  let berth: BerthServer
  let browser: Browser
  let context: BrowserContext | null = null
  let page: Page

  beforeAll(async () => {
    berth = await startBerth()
    browser = await launchBrowser()
    ;({ context, page } = await openApp(browser, berth, { locale: 'en-US' }))
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await berth?.close()
  })
  afterEach((ctx) => screenshotIfFailed(ctx.task, page))

  it('asks for the TLS folder only for a tcp:// address and says which files a folder lacks', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Settings' }).click()
    const form = page.getByRole('form', { name: 'Add an engine' })
    await form.getByRole('textbox', { name: 'Engine URL' }).fill('ssh://me@build.example')
    expect(await form.getByRole('textbox', { name: 'TLS certificate folder (optional)' }).count()).toBe(0)
    await form.getByRole('textbox', { name: 'Engine URL' }).fill('tcp://127.0.0.1:2376')
    await form.getByRole('textbox', { name: 'TLS certificate folder (optional)' }).fill('/nonexistent/certs')
    await form.getByRole('button', { name: 'Add' }).click()
    await form.getByRole('alert').getByText('The TLS folder /nonexistent/certs must be a full path holding ca.pem, cert.pem and key.pem; it lacks ca.pem, cert.pem, key.pem.').waitFor()
    expect(await page.getByText('127.0.0.1:2376', { exact: true }).count()).toBe(0)
  })
})
