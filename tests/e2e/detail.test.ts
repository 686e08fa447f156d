import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { engineReady, launchBrowser, openApp, screenshotIfFailed, startBerth, TestContainers, type BerthServer } from './harness'

// The container detail screen: Inspect summary, masked environment, engine-socket warning.
const ready = await engineReady()

describe.skipIf(!ready)('Container detail', () => {
  const containers = new TestContainers()
  const secret = `s3cr3t-${containers.runId}`
  let berth: BerthServer
  let browser: Browser
  let context: BrowserContext | null = null
  let page: Page
  let risky: { name: string; id: string }
  let plain: { name: string; id: string }

  beforeAll(async () => {
    berth = await startBerth()
    browser = await launchBrowser()
    const riskyName = containers.name('risky')
    const plainName = containers.name('plain')
    risky = { name: riskyName, id: await containers.run(riskyName, { args: ['-e', `E2E_SECRET=${secret}`, '-e', 'E2E_MODE=demo', '-v', '/var/run/docker.sock:/var/run/docker.sock'] }) }
    plain = { name: plainName, id: await containers.run(plainName, { args: ['-e', `E2E_SECRET=${secret}`] }) }
    ;({ context, page } = await openApp(browser, berth))
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await berth?.close()
    await containers.removeAll()
  })
  afterEach((ctx) => screenshotIfFailed(ctx.task, page))

  async function open(name: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Containers', exact: true }).click()
    await page.getByRole('searchbox', { name: 'Search containers' }).fill(name)
    await page.getByRole('link', { name: `Open ${name}`, exact: true }).click()
    await page.getByRole('heading', { level: 1, name }).waitFor()
    await page.getByRole('region', { name: 'Summary' }).waitFor()
  }

  it('opens a container from the list and shows its Inspect summary', async () => {
    await open(risky.name)
    expect(page.url()).toContain(`#/containers/${risky.id}`)
    expect(await page.getByRole('tab', { name: 'Inspect' }).getAttribute('aria-selected')).toBe('true')
    const summary = page.getByRole('region', { name: 'Summary' })
    const field = (label: string) =>
      summary
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: label, exact: true }) })
        .getByRole('cell')
    expect(await field('ID').innerText()).toBe(risky.id)
    expect(await field('Image').innerText()).toContain('berth-test/busybox:latest')
    expect(await field('Command').innerText()).toBe('sleep 100000')
    // The state badge next to the title agrees with the engine.
    expect(
      await page
        .locator('header')
        .filter({ has: page.getByRole('heading', { level: 1 }) })
        .innerText(),
    ).toContain('Running')
    // When it started, in the interface's words (not the engine's English "Up …").
    expect(await page.getByTestId('state-since').innerText()).toMatch(/^Started (just now|\d+ (second|minute)s? ago)$/)
  })

  it('opens a container, styled, when the browser lost the screen’s code and styles on the first try', async () => {
    // What Chromium does to requests in flight when the engine adds a network interface for a container.
    const fresh = await openApp(browser, berth)
    try {
      const lost = new Set<string>()
      await fresh.page.route(/\/assets\/ContainerDetailView-[^/]+\.(js|css)$/, async (route) => {
        const kind = route.request().url().endsWith('.css') ? 'css' : 'js'
        if (lost.has(kind)) return route.continue()
        lost.add(kind)
        return route.abort('internetdisconnected')
      })
      await fresh.page.getByRole('searchbox', { name: 'Search containers' }).fill(plain.name)
      await fresh.page.getByRole('link', { name: `Open ${plain.name}`, exact: true }).click()
      await fresh.page.getByRole('heading', { level: 1, name: plain.name }).waitFor()
      expect([...lost].sort()).toEqual(['css', 'js'])
      await expect.poll(() => fresh.page.getByRole('tablist').evaluate((el) => getComputedStyle(el).display), { timeout: 10_000 }).toBe('flex')
      expect(fresh.page.url()).toContain(`#/containers/${plain.id}`)
    } finally {
      await fresh.context.close()
    }
  })

  it('shows a lazily loaded tab when its code was lost on the first try, by reloading the page at that tab', async () => {
    const fresh = await openApp(browser, berth)
    try {
      // Vite asks for the chunk twice (a modulepreload, then the import): lose both.
      let lost = 0
      await fresh.page.route(/\/assets\/StatsPane-[^/]+\.js$/, async (route) => {
        if (lost++ >= 2) return route.continue()
        return route.abort('internetdisconnected')
      })
      await fresh.page.goto(`${berth.origin}/#/containers/${plain.id}`)
      await fresh.page.getByRole('tab', { name: 'Stats' }).click()
      await fresh.page.locator('#panel-stats').getByText(/CPU/).first().waitFor()
      expect(lost).toBeGreaterThan(2)
      expect(fresh.page.url()).toContain(`#/containers/${plain.id}?tab=stats`)
    } finally {
      await fresh.context.close()
    }
  })

  it('masks environment values until "Show values" is pressed, and masks them again on "Hide values"', async () => {
    await open(risky.name)
    const env = page.getByRole('region', { name: 'Environment' })
    const secretRow = env.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'E2E_SECRET', exact: true }) })
    expect(await secretRow.getByRole('cell').innerText()).toBe('••••••••')
    expect(await page.getByText(secret).filter({ visible: true }).count()).toBe(0)

    await env.getByRole('button', { name: 'Show values' }).click()
    expect(await secretRow.getByRole('cell').innerText()).toBe(secret)
    expect(
      await env
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'E2E_MODE', exact: true }) })
        .getByRole('cell')
        .innerText(),
    ).toBe('demo')
    const hide = env.getByRole('button', { name: 'Hide values' })
    expect(await hide.getAttribute('aria-pressed')).toBe('true')

    await hide.click()
    expect(await secretRow.getByRole('cell').innerText()).toBe('••••••••')
    expect(await page.getByText(secret).filter({ visible: true }).count()).toBe(0)
  })

  it('warns that a container mounting the engine socket controls the engine, and does not warn for one that does not', async () => {
    await open(risky.name)
    const warning = page.getByRole('note', { name: 'Security' })
    expect(await warning.innerText()).toContain('Mounts the engine socket /var/run/docker.sock')
    const mounts = page.getByRole('region', { name: 'Mounts' })
    expect(await mounts.getByRole('cell', { name: '/var/run/docker.sock' }).count()).toBeGreaterThan(0)

    await open(plain.name)
    expect(await page.getByRole('region', { name: 'Mounts' }).innerText()).toContain('No mounts.')
    expect(await page.getByRole('note', { name: 'Security' }).count()).toBe(0)
    expect(await page.getByText('Mounts the engine socket').count()).toBe(0)
  })
})
