import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium'
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

/** Debian's Chromium, headless, with a fresh temporary profile and an English page. */
export async function openPage(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true })
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  return { browser, page }
}

/** The table's count text, e.g. "1000 of 1006 containers" → { shown: 1000, total: 1006 }. */
export async function readCount(page: Page): Promise<{ shown: number; total: number } | null> {
  return page.evaluate(() => {
    const m = /(\d+)\D+(\d+)/.exec(document.querySelector('[data-testid="container-count"]')?.textContent ?? '')
    return m ? { shown: Number(m[1]), total: Number(m[2]) } : null
  })
}

/**
 * Polls an expression in the page until it is truthy. (page.waitForFunction with a string
 * evaluates it with eval, which the app's CSP rightly forbids.)
 */
export async function waitFor(page: Page, expression: string, timeoutMs = 15000, intervalMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${expression}`)
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}
