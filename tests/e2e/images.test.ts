import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startRegistry, type TestRegistry } from '../helpers/registry'
import { docker, engineReady, launchBrowser, openApp, screenshotIfFailed, startBerth, TEST_IMAGE, TestContainers, type BerthServer } from './harness'

// The Images screen and the pull dialog against the real engine and a local registry.
const ready = await engineReady()
const POLL = { timeout: 30_000, interval: 100 }

async function build(tag: string, label: string, lines: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-build-'))
  try {
    writeFileSync(join(dir, 'Dockerfile'), [`FROM ${TEST_IMAGE}`, ...lines].join('\n') + '\n')
    await docker('build', '-q', '--label', label, '-t', tag, dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe.skipIf(!ready)('Images screen', () => {
  const containers = new TestContainers()
  const repo = `berth-e2e/images-${containers.runId}`
  const tags: string[] = []
  let registry: TestRegistry
  let pullRef: string
  let berth: BerthServer
  let browser: Browser
  let context: BrowserContext | null = null
  let page: Page

  beforeAll(async () => {
    registry = await startRegistry()
    pullRef = `${registry.host}/berth-e2e/pulled:${containers.runId}`
    tags.push(pullRef)
    await build(pullRef, containers.label, ['RUN head -c 6000000 /dev/urandom > /payload'])
    await docker('push', pullRef)
    await docker('rmi', pullRef)
    berth = await startBerth()
    browser = await launchBrowser()
  }, 120_000)
  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await berth?.close()
    await containers.removeAll()
    for (const t of tags) await docker('rmi', '-f', t).catch(() => undefined)
    await registry?.stop()
  })
  afterEach((ctx) => screenshotIfFailed(ctx.task, page))

  async function imagesPage(): Promise<Page> {
    await context?.close()
    ;({ context, page } = await openApp(browser, berth))
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Images' }).click()
    await page.getByRole('heading', { level: 1, name: 'Images' }).waitFor()
    return page
  }
  const search = () => page.getByRole('searchbox', { name: 'Search images' })
  const rowOf = (repository: string, tag: string) =>
    page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: repository, exact: true }) })
      .filter({ has: page.getByRole('cell', { name: tag, exact: true }) })

  it('lists the test image with how many containers use it', async () => {
    await containers.run(containers.name('user'))
    await imagesPage()
    await search().fill('berth-test/busybox')
    const row = rowOf('berth-test/busybox', 'latest')
    await row.waitFor()
    await expect.poll(() => row.getByText(/^in use by \d+ containers?$/).count(), POLL).toBe(1)
  })

  it('pulls from a local registry through the dialog, showing layer progress until done', async () => {
    await imagesPage()
    await page.getByRole('button', { name: 'Pull', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Pull an image' })
    const field = dialog.getByRole('textbox', { name: 'Image reference' })
    // The grammar speaks before anything is sent.
    await field.fill('Bad/Name')
    await dialog.getByRole('alert').filter({ hasText: 'must be lowercase' }).waitFor()
    expect(await dialog.getByRole('button', { name: 'Pull', exact: true }).isDisabled()).toBe(true)
    await field.fill(pullRef)
    await dialog.getByRole('button', { name: 'Pull', exact: true }).click()
    await dialog.getByRole('progressbar', { name: 'Overall progress' }).waitFor()
    await dialog.getByRole('list', { name: 'Layers' }).getByRole('listitem').first().waitFor()
    await dialog
      .getByRole('status')
      .filter({ hasText: `Pulled ${pullRef}.` })
      .waitFor({ timeout: 60_000 })
    expect(await dialog.getByRole('progressbar', { name: 'Overall progress' }).getAttribute('aria-valuenow')).toBe('100')
    expect(await dialog.getByRole('button', { name: 'Open image' }).isEnabled()).toBe(true)
    // The list follows the pull's engine events.
    await dialog.getByRole('button', { name: 'Close' }).click()
    await search().fill(`berth-e2e/pulled`)
    await rowOf(`${registry.host}/berth-e2e/pulled`, containers.runId).waitFor()
  })

  it('says which container uses an image the user tries to remove', async () => {
    const tag = `${repo}:in-use`
    tags.push(tag)
    await build(tag, containers.label, [`LABEL berth.e2e.inuse=${containers.runId}`])
    const name = containers.name('holder')
    await docker('create', '--name', name, '--label', containers.label, tag, 'true')
    await imagesPage()
    await search().fill(repo)
    const row = rowOf(repo, 'in-use')
    await row.getByText('in use by 1 container').waitFor()
    await row.getByRole('button', { name: `Remove ${tag}` }).click()
    const confirm = page.getByRole('dialog', { name: `Remove ${tag}?` })
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click()
    const alert = confirm.getByRole('alert')
    await alert.waitFor()
    expect(await alert.innerText()).toContain(name)
    expect(await alert.innerText()).toContain('Remove it first, or remove with force')
  })

  it('builds an image from a folder typed in browser mode, showing its steps, and lists it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-ctx-'))
    const tag = `berth-e2e/built:${containers.runId}`
    tags.push(tag)
    try {
      writeFileSync(join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE}\nLABEL ${containers.label.replace('=', '="')}"\nRUN echo built-by-berth > /marker\n`)
      await imagesPage()
      await page.getByRole('button', { name: 'Build…' }).click()
      const dialog = page.getByRole('dialog', { name: 'Build an image' })
      await dialog.getByRole('textbox', { name: 'Context folder', exact: true }).fill(dir)
      await dialog.getByRole('textbox', { name: 'Tags' }).fill(tag)
      await dialog.getByRole('button', { name: 'Build', exact: true }).click()
      await dialog.getByText(/^Built \S+, tagged /).waitFor({ timeout: 60_000 })
      expect(await dialog.getByRole('log', { name: 'Build output' }).innerText()).toContain('RUN echo built-by-berth')
      await dialog.getByRole('button', { name: 'Close' }).click()
      await page.getByRole('searchbox').fill(`built:${containers.runId}`)
      await expect.poll(() => page.getByText(containers.runId).count(), POLL).toBeGreaterThan(0)
      expect(await docker('run', '--rm', tag, 'cat', '/marker')).toBe('built-by-berth')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
