// The run dialog shots for scripts/screenshots.ts: opened from the Containers toolbar with a
// port, an environment variable and CPU/memory limits filled in, so the equivalent
// `docker run` shows; light and dark, English and Korean. Nothing is run.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT, TEST_IMAGE, type ContextOptions, type openApp } from '../tests/e2e/harness'

const OUT_DIR = join(ROOT, 'docs/screenshots')

type Open = (opts: ContextOptions) => ReturnType<typeof openApp>

const TEXT = {
  'en-US': { nav: 'Containers', open: 'Run…', title: 'Run a container' },
  'ko-KR': { nav: '컨테이너', open: '실행…', title: '컨테이너 실행' },
} as const

async function shoot(page: Page, file: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))))
  const path = join(OUT_DIR, file)
  await page.screenshot({ path })
  console.log(`wrote ${path}`)
}

/** run-dialog-<theme>-<lang>.png */
export async function captureRun(open: Open): Promise<void> {
  for (const locale of ['en-US', 'ko-KR'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page } = await open({ locale, colorScheme })
      const text = TEXT[locale]
      await page.getByRole('navigation').getByRole('link', { name: text.nav, exact: true }).click()
      await page.getByRole('button', { name: text.open }).click()
      const dialog = page.getByRole('dialog', { name: text.title })
      await dialog.waitFor()
      const fields = dialog.locator('input.field, textarea.field')
      // Image, name, ports, env, CPU, memory: the order the dialog shows them.
      const values = [TEST_IMAGE.replace(/:latest$/, ''), 'web', '8080:80\n127.0.0.1:5353:53/udp', 'GREETING=hello world', '1.5', '256m']
      for (const [i, v] of values.entries()) await fields.nth(i).fill(v)
      await page.mouse.click(5, 5)
      await dialog.getByTestId('run-command').filter({ hasText: 'docker run' }).waitFor()
      await shoot(page, `run-dialog-${colorScheme}-${locale.slice(0, 2)}.png`)
      await context.close()
    }
  }
}
