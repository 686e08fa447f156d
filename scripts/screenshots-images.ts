// The Images shots for scripts/screenshots.ts: the list (light/dark, en/ko), an image's detail,
// and the pull dialog mid-progress and done, pulling from a real registry on loopback. What it
// builds, tags and starts is removed at the end.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { docker, ROOT, TEST_IMAGE, type ContextOptions, type openApp } from '../tests/e2e/harness'
import { startRegistry } from '../tests/helpers/registry'

const OUT_DIR = join(ROOT, 'docs/screenshots')
const LABEL = 'berth.demo=1'

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await page.mouse.move(0, 759)
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))))
}

async function shoot(page: Page, file: string): Promise<void> {
  await settle(page)
  const path = join(OUT_DIR, file)
  await page.screenshot({ path })
  console.log(`wrote ${path}`)
}

async function build(tag: string, lines: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-shots-build-'))
  try {
    writeFileSync(join(dir, 'Dockerfile'), [`FROM ${TEST_IMAGE}`, ...lines].join('\n') + '\n')
    await docker('build', '-q', '--label', LABEL, '-t', tag, dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function openImages(open: (opts: ContextOptions) => ReturnType<typeof openApp>, opts: ContextOptions) {
  const { context, page } = await open(opts)
  await page.goto(page.url().replace(/#.*$/, '#/images'))
  await page.getByRole('table').getByRole('row').nth(1).waitFor()
  return { context, page }
}

/** images-{light,dark}-{en,ko}.png, image-detail.png, pull-progress.png, pull-done.png and pull-progress-dark-ko.png. */
export async function captureImages(open: (opts: ContextOptions) => ReturnType<typeof openApp>, shots: { list: boolean; detail: boolean; pull: boolean }): Promise<void> {
  const registry = await startRegistry()
  const tags: string[] = []
  const holders: string[] = []
  try {
    // A small web app image with config worth reading, and a couple of tags.
    const app = 'shop/api:1.5.0'
    await build(app, [
      'ENV NODE_ENV=production PORT=3000',
      'RUN mkdir -p /srv/app && head -c 1500000 /dev/urandom > /srv/app/bundle.js',
      'WORKDIR /srv/app',
      'EXPOSE 3000/tcp 9229/tcp',
      'LABEL org.opencontainers.image.title="shop api" org.opencontainers.image.version=1.5.0',
      'USER 1000:1000',
      'ENTRYPOINT ["sh", "-c"]',
      'CMD ["node server.js"]',
    ])
    tags.push(app)
    for (const extra of ['shop/api:latest', 'shop/api:1.4.2']) {
      await docker('tag', app, extra)
      tags.push(extra)
    }
    const holder = `shots-images-${process.pid}`
    await docker('create', '--name', holder, '--label', LABEL, app)
    holders.push(holder)
    // Something to pull with progress worth showing: three fresh layers of random bytes.
    const remote = `${registry.host}/tools/dataset:2024.11`
    await build(remote, ['RUN head -c 60000000 /dev/urandom > /a', 'RUN head -c 40000000 /dev/urandom > /b', 'RUN head -c 30000000 /dev/urandom > /c'])
    await docker('push', remote)
    await docker('rmi', remote)
    tags.push(remote)

    for (const locale of shots.list ? (['en-US', 'ko-KR'] as const) : []) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { context, page } = await openImages(open, { locale, colorScheme })
        await shoot(page, `images-${colorScheme}-${locale.slice(0, 2)}.png`)
        await context.close()
      }
    }

    const { context, page } = await openImages(open, { locale: 'en-US', colorScheme: 'light' })
    await page.getByRole('searchbox', { name: 'Search images' }).fill('shop/api')
    await page.getByRole('link', { name: 'shop/api', exact: true }).first().click()
    await page.getByRole('region', { name: 'History and layers' }).waitFor()
    if (shots.detail) await shoot(page, 'image-detail.png')
    if (!shots.pull) return await context.close()

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Images' }).click()
    await page.getByRole('button', { name: 'Pull', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Pull an image' })
    await dialog.getByRole('textbox', { name: 'Image reference' }).fill(remote)
    await dialog.getByRole('button', { name: 'Pull', exact: true }).click()
    await dialog
      .getByRole('list', { name: 'Layers' })
      .getByText(/^(Downloading|Extracting)$/)
      .first()
      .waitFor({ timeout: 60_000 })
    await shoot(page, 'pull-progress.png')
    await dialog.getByRole('status').filter({ hasText: 'Pulled' }).waitFor({ timeout: 120_000 })
    await shoot(page, 'pull-done.png')
    await context.close()

    // The same pull in the dark theme and in Korean.
    await docker('rmi', remote)
    const ko = await openImages(open, { locale: 'ko-KR', colorScheme: 'dark' })
    await ko.page.getByRole('button', { name: '받기', exact: true }).click()
    const koDialog = ko.page.getByRole('dialog', { name: '이미지 받기' })
    await koDialog.getByRole('textbox', { name: '이미지 참조' }).fill(remote)
    await koDialog.getByRole('button', { name: '받기', exact: true }).click()
    await koDialog.getByRole('progressbar').first().waitFor({ timeout: 60_000 })
    await ko.page.waitForTimeout(400)
    await shoot(ko.page, 'pull-progress-dark-ko.png')
    await ko.context.close()
  } finally {
    for (const h of holders) await docker('rm', '-f', h).catch(() => undefined)
    for (const t of tags) await docker('rmi', '-f', t).catch(() => undefined)
    await registry.stop()
  }
}
