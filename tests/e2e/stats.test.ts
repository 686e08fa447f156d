import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { engineReady, launchBrowser, openApp, screenshotIfFailed, startBerth, TestContainers, type BerthServer } from './harness'

// Live stats in the UI: the Stats tab's charts and limit lines, the list's CPU and memory
// columns, the Overview, and the Processes tab, on containers with known limits and load.
const ready = await engineReady()
const POLL = { timeout: 20_000, interval: 200 }
const BURN = ['sh', '-c', 'yes > /dev/null']

describe.skipIf(!ready)('Stats', () => {
  const containers = new TestContainers()
  let berth: BerthServer
  let browser: Browser
  let context: BrowserContext | null = null
  let page: Page
  const busy = containers.name('busy')
  const idle = containers.name('idle')
  const stopped = containers.name('stopped')
  const parked = containers.name('parked')
  const chunks: string[] = []

  beforeAll(async () => {
    berth = await startBerth()
    browser = await launchBrowser()
    await containers.run(busy, { args: ['--cpus', '0.5', '-m', '64m'], cmd: BURN })
    await containers.run(idle)
    await containers.run(stopped, { create: true })
    await containers.run(parked, { create: true })
    ;({ context, page } = await openApp(browser, berth))
    page.on('request', (r) => chunks.push(new URL(r.url()).pathname))
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await berth?.close()
    await containers.removeAll()
  })
  afterEach((ctx) => screenshotIfFailed(ctx.task, page))

  const nav = () => page.getByRole('navigation', { name: 'Main navigation' })
  const chart = (title: string) => page.getByRole('figure', { name: title, exact: true })
  const legend = (title: string) => page.getByRole('list', { name: title, exact: true })
  const points = async (title: string) => Number(await chart(title).getAttribute('data-points'))
  /** Pixels drawn in the limit colour on a chart's canvas: the dashed limit line is made of them. */
  const limitPixels = (title: string) =>
    chart(title)
      .locator('canvas')
      .evaluate((canvas: HTMLCanvasElement) => {
        const probe = document.createElement('span')
        probe.style.color = 'var(--chart-limit)'
        document.body.append(probe)
        const [r, g, b] = (getComputedStyle(probe).color.match(/\d+/g) ?? []).map(Number)
        probe.remove()
        const { data } = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height)
        let n = 0
        for (let i = 0; i < data.length; i += 4)
          if (Math.abs((data[i] as number) - (r as number)) < 24 && Math.abs((data[i + 1] as number) - (g as number)) < 24 && Math.abs((data[i + 2] as number) - (b as number)) < 24) n++
        return { n, width: canvas.width }
      })

  async function openContainer(name: string): Promise<void> {
    await nav().getByRole('link', { name: 'Containers', exact: true }).click()
    await page.getByRole('searchbox', { name: 'Search containers' }).fill(name)
    await page.getByRole('link', { name: `Open ${name}`, exact: true }).click()
  }

  function rowOf(name: string) {
    return page
      .getByRole('table', { name: 'Containers' })
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: `Open ${name}`, exact: true }) })
  }

  it('loads Chart.js only when the Stats tab opens, then draws live charts with the CPU and memory limits', async () => {
    await openContainer(busy)
    expect(chunks.some((p) => /StatsPane-.*\.js$/.test(p))).toBe(false)
    await page.getByRole('tab', { name: 'Stats' }).click()
    expect(page.url()).toContain('tab=stats')
    await chart('CPU').waitFor()
    expect(chunks.some((p) => /StatsPane-.*\.js$/.test(p))).toBe(true)

    // The limits are lines in the legend: --cpus 0.5 is 50% of one CPU, -m 64m is 64 MiB.
    await expect.poll(() => legend('CPU').getByRole('listitem').filter({ hasText: 'Limit' }).innerText(), POLL).toMatch(/Limit\s+50%/)
    await expect.poll(() => legend('Memory').getByRole('listitem').filter({ hasText: 'Limit' }).innerText(), POLL).toMatch(/Limit\s+64 MiB/)
    // And drawn: a dashed line across the plot in the limit colour (about 60% of its width).
    for (const title of ['CPU', 'Memory']) {
      await expect
        .poll(async () => {
          const { n, width } = await limitPixels(title)
          return n / width
        }, POLL)
        .toBeGreaterThan(0.4)
    }
    expect((await limitPixels('Network')).n).toBe(0)
    // Figures without a limit have no limit line.
    expect(await legend('Network').getByRole('listitem').allInnerTexts()).toEqual([expect.stringMatching(/^Received/), expect.stringMatching(/^Sent/)])

    // The charts move: more points in the window, and a CPU figure the canvas summary reads out.
    const before = await points('CPU')
    await expect.poll(() => points('CPU'), POLL).toBeGreaterThan(before + 1)
    const summary = await chart('CPU').getByRole('img').getAttribute('aria-label')
    expect(summary).toMatch(/^CPU: Used \d+(\.\d+)?%, Limit 50%$/)
    const used = Number(/Used (\d+(?:\.\d+)?)%/.exec(summary ?? '')?.[1])
    expect(used).toBeGreaterThan(0)
    for (const title of ['Memory', 'Network', 'Block I/O', 'Processes (PIDs)'])
      expect(await chart(title).getByRole('img').getAttribute('aria-label')).toMatch(new RegExp(`^${title.replace(/[()/]/g, '\\$&')}: `))
    expect(await legend('Processes (PIDs)').innerText()).toMatch(/Count\s+\d+/)
  })

  it('switches the time window and keeps drawing', async () => {
    await openContainer(busy)
    await page.getByRole('tab', { name: 'Stats' }).click()
    const windows = page.getByRole('radiogroup', { name: 'Time window' })
    await windows.getByRole('radio', { name: '15 min' }).click()
    expect(await windows.getByRole('radio', { name: '15 min' }).getAttribute('aria-checked')).toBe('true')
    expect(await windows.getByRole('radio', { name: '1 min' }).getAttribute('aria-checked')).toBe('false')
    const before = await points('CPU')
    await expect.poll(() => points('CPU'), POLL).toBeGreaterThan(before)
  })

  it('reopening the Stats tab shows the history kept so far', async () => {
    await openContainer(busy)
    await page.getByRole('tab', { name: 'Stats' }).click()
    await expect.poll(() => points('CPU'), POLL).toBeGreaterThan(3)
    const seen = await points('CPU')
    await page.getByRole('tab', { name: 'Inspect' }).click()
    await chart('CPU').waitFor({ state: 'detached' })
    await page.getByRole('tab', { name: 'Stats' }).click()
    // The first message after subscribing carries the ring buffer: the first drawing already
    // has what was seen before (without it, the chart would start from one point).
    await chart('CPU').waitFor()
    expect(await points('CPU')).toBeGreaterThanOrEqual(seen)
  })

  it('explains a stopped container on the Stats tab and starts it from there', async () => {
    await openContainer(stopped)
    await page.getByRole('tab', { name: 'Stats' }).click()
    const notice = page.getByRole('status').filter({ hasText: `${stopped} is not running` })
    await notice.waitFor()
    expect(await page.getByRole('figure').count()).toBe(0)
    await notice.getByRole('button', { name: 'Start' }).click()
    await chart('CPU').waitFor()
    await expect.poll(() => points('Memory'), POLL).toBeGreaterThan(0)
    await page.getByRole('button', { name: 'Stop', exact: true }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `${stopped} is not running` })
      .waitFor()
    // What was drawn before the stop stays on screen, said to be from before.
    expect(await page.getByText('The charts show its figures from before it stopped.').count()).toBe(1)
  })

  it('shows CPU and memory in the list for a running container and empty cells for a stopped one', async () => {
    await nav().getByRole('link', { name: 'Containers', exact: true }).click()
    await page.getByRole('searchbox', { name: 'Search containers' }).fill(containers.runId)
    const cell = (name: string, column: 'cpu' | 'memory') => rowOf(name).locator(`[role=cell][data-column=${column}]`)
    await expect.poll(() => cell(busy, 'cpu').innerText(), POLL).toMatch(/^\d+(\.\d+)?%$/)
    await expect.poll(() => cell(busy, 'memory').innerText(), POLL).toMatch(/^\d+(\.\d+)? (B|KiB|MiB)$/)
    expect(await cell(busy, 'memory').getAttribute('title')).toMatch(/of 64 MiB$/)
    await expect.poll(() => cell(idle, 'cpu').innerText(), POLL).toMatch(/%$/)
    expect(await cell(parked, 'cpu').innerText()).toBe('')
    expect(await cell(parked, 'memory').innerText()).toBe('')
    // The header names the columns; the figures are not a sort order.
    const header = page.getByRole('table', { name: 'Containers' }).getByRole('row').first()
    expect(await header.getByRole('columnheader', { name: 'CPU' }).count()).toBe(1)
    expect(await header.getByRole('button', { name: 'Sort by CPU' }).count()).toBe(0)
  })

  it('ranks the busy container above the idle one by CPU on the Overview, with the engine against its host', async () => {
    await nav().getByRole('link', { name: 'Overview' }).click()
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor()
    expect(page.url()).toContain('#/overview')
    const top = page.getByRole('list', { name: 'Top by CPU' })
    // Other work on this engine may outrank it; among this file's containers, busy comes first.
    await expect
      .poll(async () => {
        const names = (await top.getByRole('link').allInnerTexts()).filter((n) => n.startsWith(`e2e-${containers.runId}`))
        return names[0]
      }, POLL)
      .toBe(busy)
    await page.getByRole('list', { name: 'Top by memory' }).getByRole('link').first().waitFor()
    const cpu = page.getByRole('meter', { name: 'CPU' })
    expect(Number(await cpu.getAttribute('aria-valuemax'))).toBeGreaterThanOrEqual(100)
    expect(await cpu.getAttribute('aria-valuetext')).toMatch(/% of \d+%$/)
    expect(await page.getByRole('meter', { name: 'Memory' }).getAttribute('aria-valuetext')).toMatch(/ of \d+(\.\d+)? GiB$/)
    // A consumer links to its Stats tab.
    await top.getByRole('link', { name: `Open ${busy}` }).click()
    await expect.poll(() => page.url(), POLL).toContain('tab=stats')
    await chart('CPU').waitFor()
  })

  it('lists the processes of a running container, refreshes them, and explains a stopped one', async () => {
    await openContainer(busy)
    await page.getByRole('tab', { name: 'Processes' }).click()
    const table = page.getByRole('table', { name: 'Processes' })
    await table.waitFor()
    expect(await table.getByRole('columnheader', { name: 'PID', exact: true }).count()).toBe(1)
    expect(await table.getByRole('cell', { name: /\byes\b/ }).count()).toBeGreaterThan(0)
    await page.getByRole('button', { name: 'Refresh' }).click()
    await expect.poll(() => page.getByRole('button', { name: 'Refresh' }).isEnabled(), POLL).toBe(true)
    expect(await table.getByRole('cell', { name: /\byes\b/ }).count()).toBeGreaterThan(0)

    // Other ps options give other columns; options ps refuses are explained.
    const options = page.getByRole('textbox', { name: 'ps options' })
    await options.fill('aux')
    await options.press('Enter')
    await table.getByRole('columnheader', { name: '%CPU', exact: true }).waitFor()
    await options.fill('--bogus')
    await options.press('Enter')
    await page.getByRole('alert').filter({ hasText: 'could not list processes with the options “--bogus”' }).waitFor()

    await openContainer(parked)
    await page.getByRole('tab', { name: 'Processes' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `${parked} is not running, so it has no processes` })
      .waitFor()
    expect(await page.getByRole('table', { name: 'Processes' }).count()).toBe(0)
  })
})
