import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { docker, engineReady, launchBrowser, openApp, screenshotIfFailed, startBerth, TestContainers, type BerthServer } from './harness'

// Volumes as a person uses them: create one, see a container use it, browse and read a file in it.
const ready = await engineReady()

describe.skipIf(!ready)('Volumes', () => {
  const containers = new TestContainers()
  const volume = `e2e-${containers.runId}-data`
  const restored = `e2e-${containers.runId}-restored`
  let berth: BerthServer
  let browser: Browser
  let context: BrowserContext | null = null
  let page: Page

  beforeAll(async () => {
    berth = await startBerth()
    browser = await launchBrowser()
    ;({ context, page } = await openApp(browser, berth))
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await berth?.close()
    await containers.removeAll()
    await docker('volume', 'rm', '-f', volume).catch(() => undefined)
    await docker('volume', 'rm', '-f', restored).catch(() => undefined)
  })
  afterEach((ctx) => screenshotIfFailed(ctx.task, page))

  const row = () => page.getByRole('row').filter({ has: page.getByRole('link', { name: volume, exact: true }) })

  it('creates a volume from the Volumes screen and lists it as unused', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Volumes', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Volumes' }).waitFor()
    await page.getByRole('button', { name: 'Create volume' }).click()
    const dialog = page.getByRole('dialog', { name: 'Create a volume' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill(volume)
    await dialog.getByRole('textbox', { name: /Labels/ }).fill(containers.label)
    await dialog.getByRole('button', { name: 'Create', exact: true }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByRole('searchbox', { name: 'Search volumes' }).fill(volume)
    await row().waitFor()
    expect(await row().innerText()).toContain('unused')
    expect(await docker('volume', 'inspect', '--format', '{{json .Labels}}', volume)).toContain(`e2e-${containers.runId}`)
  })

  it('shows the container that starts using it, live, with a link to that container', async () => {
    const name = containers.name('writer')
    const id = await containers.run(name, { args: ['-v', `${volume}:/data`], cmd: ['sh', '-c', 'echo hello-from-e2e > /data/greeting.txt && busybox mkdir -p /data/logs && sleep 100000'] })
    const link = row().getByRole('link', { name, exact: true })
    await link.waitFor()
    expect(await row().innerText()).toContain('1 container')
    expect(await link.getAttribute('href')).toBe(`#/containers/${id}`)
  })

  it('browses the volume’s files and reads a text file in it', async () => {
    await row().getByRole('link', { name: volume, exact: true }).click()
    await page.getByRole('heading', { level: 1, name: volume }).waitFor()
    const files = page.getByRole('region', { name: 'Files' })
    const greeting = files.getByRole('button', { name: 'greeting.txt', exact: true })
    // The writer may still be writing when the folder is first read.
    await expect
      .poll(
        async () => {
          if (await greeting.isVisible()) return true
          await files.getByRole('button', { name: 'Refresh' }).click()
          return false
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(true)
    expect(await files.getByRole('row').filter({ hasText: 'logs' }).count()).toBe(1)
    await greeting.click()
    const viewer = page.getByRole('dialog', { name: '/greeting.txt' })
    await viewer.waitFor()
    expect(await viewer.locator('pre').innerText()).toBe('hello-from-e2e\n')
    await viewer.getByRole('button', { name: 'Close' }).click()
    // No helper container stays behind after browsing.
    expect(await docker('ps', '-aq', '--filter', 'label=berth.helper=volume-browse')).toBe('')
  })

  it('exports the volume as a downloaded .tar and imports that file into a new volume through an upload', async () => {
    await page.getByRole('heading', { level: 1, name: volume }).waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .tar' }).click()])
    expect(download.suggestedFilename()).toBe(`${volume}.tar`)
    const tar = await download.path()
    expect(tar).toBeTruthy()

    await page.getByRole('button', { name: 'Import .tar…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import a .tar into a volume' })
    await dialog.getByRole('radio', { name: 'Into a new volume' }).check()
    await dialog.getByRole('textbox', { name: 'New volume’s name' }).fill(restored)
    await dialog.locator('input[type=file]').setInputFiles(tar!)
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    await dialog.waitFor({ state: 'hidden' })
    const read = (name: string) => docker('run', '--rm', '--label', containers.label, '-v', `${name}:/v:ro`, 'berth-test/busybox', 'sh', '-c', 'cat /v/greeting.txt && busybox find /v | busybox sort')
    expect(await read(restored)).toBe((await read(volume)).trim())
    expect(await read(restored)).toContain('hello-from-e2e')
  })
})
