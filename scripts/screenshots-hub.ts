// The Docker Hub shots for scripts/screenshots.ts: Berth pointed at the local Hub fixture
// (tests/helpers/hub-fixture.ts, started and stopped here), search and a repository page,
// light and dark, English and Korean.
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { openApp, ROOT, startBerth } from '../tests/e2e/harness'
import { startHubFixture } from '../tests/helpers/hub-fixture'

const OUT_DIR = join(ROOT, 'docs/screenshots')
const VIEWPORT = { width: 1280, height: 760 }

async function shoot(page: Page, file: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await page.mouse.move(0, VIEWPORT.height - 1)
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))))
  const path = join(OUT_DIR, file)
  await page.screenshot({ path })
  console.log(`wrote ${path}`)
}

/** hub-search-{light,dark}-{en,ko}.png and hub-repository-{light,dark}-{en,ko}.png. */
export async function captureHub(browser: Browser): Promise<void> {
  const hub = await startHubFixture()
  const berth = await startBerth({ hubUrl: hub.url })
  try {
    for (const locale of ['en-US', 'ko-KR'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { context, page } = await openApp(browser, berth, { viewport: VIEWPORT, deviceScaleFactor: 1, locale, colorScheme })
        const lang = locale.slice(0, 2)
        // Names that read the same in both languages, so one set of steps serves both.
        await page.getByRole('navigation').getByRole('link', { name: 'Docker Hub' }).click()
        const box = page.locator('.hub-search').getByRole('searchbox')
        await box.fill('nginx')
        await box.press('Enter')
        await page.locator('.hub-search .result').nth(10).waitFor()
        await shoot(page, `hub-search-${colorScheme}-${lang}.png`)
        await page.getByRole('link', { name: 'nginx', exact: true }).click()
        await page.locator('.hub-readme table').waitFor()
        await shoot(page, `hub-repository-${colorScheme}-${lang}.png`)
        await page.getByRole('tab').nth(1).click()
        await page.locator('.hub-tags tbody tr').nth(10).waitFor()
        await shoot(page, `hub-tags-${colorScheme}-${lang}.png`)
        await context.close()
      }
    }
  } finally {
    await berth.close()
    await hub.close()
  }
}
