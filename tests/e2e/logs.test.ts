import { readFileSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { docker, engineReady, launchBrowser, openApp, screenshotIfFailed, startBerth, TestContainers, type BerthServer } from './harness'

// The Logs tab and the merged Logs view, on containers that print known lines.
const ready = await engineReady()
const POLL = { timeout: 15_000, interval: 100 }
const INJECTION = '<img src=x onerror=alert(1)>'

// Four lines with "beta" (one on stderr), colour escapes, an HTML-looking line and a URL.
const SCRIPT = [
  "echo 'alpha one'",
  "echo 'beta 1'",
  "printf '\\033[31mred alpha\\033[0m plain\\n'",
  "echo 'beta 2'",
  "echo 'gamma on stderr' >&2",
  `echo '${INJECTION}'`,
  "echo 'docs at http://example.com/guide'",
  "echo 'beta 3 last'",
  'exec sleep 100000',
].join('; ')

describe.skipIf(!ready)('Logs', () => {
  const containers = new TestContainers()
  let berth: BerthServer
  let browser: Browser
  let context: BrowserContext | null = null
  let page: Page
  let dialogs = 0
  const one = containers.name('talker')
  const two = containers.name('other')

  beforeAll(async () => {
    berth = await startBerth()
    browser = await launchBrowser()
    await containers.run(one, { cmd: ['sh', '-c', SCRIPT] })
    await containers.run(two, { cmd: ['sh', '-c', "echo 'from the other one'; exec sleep 100000"] })
    ;({ context, page } = await openApp(browser, berth))
    page.on('dialog', (d) => {
      dialogs++
      void d.dismiss()
    })
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await berth?.close()
    await containers.removeAll()
  })
  afterEach((ctx) => screenshotIfFailed(ctx.task, page))

  const log = () => page.getByRole('log', { name: 'Log lines' })
  const rowTexts = () => log().locator('.row .text').allInnerTexts()
  const count = () => page.getByTestId('log-match-count').innerText()

  async function openLogsTabFor(name: string, waitFor: string | RegExp): Promise<void> {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Containers', exact: true }).click()
    await page.getByRole('searchbox', { name: 'Search containers' }).fill(name)
    await page.getByRole('link', { name: `Open ${name}`, exact: true }).click()
    await page.getByRole('tab', { name: 'Logs' }).click()
    await log().getByText(waitFor).first().waitFor()
  }
  const openLogsTab = (name: string) => openLogsTabFor(name, 'beta 3 last')

  it('shows a container’s lines in the Logs tab, stderr marked, colours applied, HTML shown as text', async () => {
    await openLogsTab(one)
    expect(await page.getByRole('tab', { name: 'Logs' }).getAttribute('aria-selected')).toBe('true')
    expect(page.url()).toContain('tab=logs')
    // stdout in order; the engine copies stderr through its own pipe, so its place may vary.
    const texts = await rowTexts()
    expect(texts.filter((l) => l !== 'gamma on stderr')).toEqual(['alpha one', 'beta 1', 'red alpha plain', 'beta 2', INJECTION, 'docs at http://example.com/guide', 'beta 3 last'])
    expect(texts).toContain('gamma on stderr')
    expect(await log().locator('.row.stderr').innerText()).toContain('gamma on stderr')
    const red = log().locator('.row .text span', { hasText: 'red alpha' })
    expect(await red.getAttribute('style')).toContain('var(--ansi-red)')
    // The injection line is text: no element was made from it, nothing ran.
    expect(await log().getByText(INJECTION, { exact: true }).count()).toBe(1)
    expect(await log().locator('img').count()).toBe(0)
    expect(dialogs).toBe(0)
    // http(s) URLs are links the main process routes to the OS browser.
    const link = log().getByRole('link', { name: 'http://example.com/guide' })
    expect(await link.getAttribute('href')).toBe('http://example.com/guide')
    expect(await link.getAttribute('target')).toBe('_blank')
  })

  it('searches a word, counts the matches, and steps through them with Enter and Shift+Enter', async () => {
    await openLogsTab(one)
    await page.keyboard.press('Control+f')
    const box = page.getByRole('searchbox', { name: 'Search logs' })
    await expect.poll(() => box.evaluate((el) => el === document.activeElement), POLL).toBe(true)
    await box.fill('beta')
    await expect.poll(count, POLL).toBe('1 of 3')
    expect(await log().locator('mark').count()).toBe(3)
    const current = () =>
      log()
        .locator('mark.current')
        .evaluate((m) => m.closest('.row')?.querySelector('.text')?.textContent ?? '')
    expect(await current()).toBe('beta 1')
    await box.press('Enter')
    expect(await count()).toBe('1 of 3')
    await box.press('Enter')
    await expect.poll(count, POLL).toBe('2 of 3')
    expect(await current()).toBe('beta 2')
    await box.press('Enter')
    await expect.poll(count, POLL).toBe('3 of 3')
    expect(await current()).toBe('beta 3 last')
    await box.press('Enter')
    await expect.poll(count, POLL).toBe('1 of 3')
    await box.press('Shift+Enter')
    await expect.poll(count, POLL).toBe('3 of 3')

    // Case-sensitive finds none; an invalid regular expression says why.
    await page.getByRole('button', { name: 'Match case' }).click()
    await box.fill('BETA')
    await expect.poll(count, POLL).toBe('No matches')
    await page.getByRole('button', { name: 'Match case' }).click()
    await page.getByRole('button', { name: 'Regular expression' }).click()
    await box.fill('beta (')
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Not a valid regular expression' }).count(), POLL).toBe(1)
    await box.fill('beta \\d$')
    await expect.poll(count, POLL).toBe('1 of 2')
    await page.getByRole('button', { name: 'Regular expression' }).click()
  })

  it('filters to matching lines with context, and to one stream', async () => {
    await openLogsTab(one)
    await page.getByRole('searchbox', { name: 'Search logs' }).fill('alpha')
    await expect.poll(count, POLL).toBe('1 of 2')
    await page.getByRole('button', { name: 'Only matching lines' }).click()
    await expect.poll(rowTexts, POLL).toEqual(['alpha one', 'red alpha plain'])
    await page.getByRole('spinbutton', { name: 'Context lines' }).fill('1')
    await page.getByRole('spinbutton', { name: 'Context lines' }).press('Tab')
    await expect.poll(async () => (await rowTexts()).filter((l) => l !== 'gamma on stderr'), POLL).toEqual(['alpha one', 'beta 1', 'red alpha plain', 'beta 2'])
    await page.getByRole('button', { name: 'Only matching lines' }).click()
    await page.getByRole('searchbox', { name: 'Search logs' }).fill('')
    await page.getByRole('combobox', { name: 'Streams' }).selectOption('stderr')
    await expect.poll(rowTexts, POLL).toEqual(['gamma on stderr'])
    await page.getByRole('combobox', { name: 'Streams' }).selectOption('both')
    await expect.poll(async () => (await rowTexts()).length, POLL).toBe(8)
  })

  it('shows timestamps in local time, in UTC, or not at all', async () => {
    await openLogsTab(one)
    const firstTs = () => log().locator('.row .ts').first().innerText()
    expect(await firstTs()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/)
    await page.getByRole('button', { name: 'UTC', exact: true }).click()
    await expect.poll(firstTs, POLL).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/)
    await page.getByRole('button', { name: 'Timestamps' }).click()
    await expect.poll(() => log().locator('.row .ts').count(), POLL).toBe(0)
    expect(await page.getByRole('button', { name: 'Timestamps' }).getAttribute('aria-pressed')).toBe('false')
  })

  it('exports the log as a download in browser mode', async () => {
    await openLogsTab(one)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()])
    const path = await download.path()
    const text = readFileSync(path, 'utf8')
    expect(text).toContain('alpha one')
    expect(text).toContain('gamma on stderr')
    expect(text).toContain(INJECTION)
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${one}-.*\\.log$`))
  })

  it('merges two containers’ logs, opened from the selection toolbar, with a prefix per container', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Containers', exact: true }).click()
    await page.getByRole('searchbox', { name: 'Search containers' }).fill(`e2e-${containers.runId}-`)
    await page.getByRole('checkbox', { name: `Select ${one}` }).check()
    await page.getByRole('checkbox', { name: `Select ${two}` }).check()
    await page.getByRole('toolbar', { name: '2 selected' }).getByRole('button', { name: 'Logs' }).click()
    await page.getByRole('heading', { level: 1, name: 'Logs of 2 containers' }).waitFor()
    await log().getByText('from the other one').waitFor()
    await log().getByText('beta 3 last').waitFor()
    const rows = await log()
      .locator('.row')
      .evaluateAll((els) => els.map((el) => `${el.querySelector('.src')?.textContent ?? ''}|${el.querySelector('.text')?.textContent ?? ''}`))
    expect(rows).toContain(`${one}|alpha one`)
    expect(rows).toContain(`${two}|from the other one`)
    expect(rows.length).toBe(9)
    // In time order: the other container started after the first printed its lines.
    expect(rows.indexOf(`${one}|alpha one`)).toBeLessThan(rows.indexOf(`${two}|from the other one`))
    const logStreams = () => berth.services.streams.openKeys().filter((k) => k.startsWith('logs:')).length
    expect(logStreams()).toBe(2)
    // Export reads both containers from the engine and merges them, each line behind its name.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()])
    // Timestamps are on in the view, so the file has the engine time after the bar.
    const exported = readFileSync(await download.path(), 'utf8')
      .split('\n')
      .filter(Boolean)
    expect(exported).toHaveLength(9)
    expect(exported.every((l) => /^\S+ *\| \d{4}-\d{2}-\d{2}T\S+Z /.test(l))).toBe(true)
    const pad = Math.max(one.length, two.length)
    const untimed = exported.map((l) => l.replace(/\| \S+ /, '| '))
    expect(untimed).toContain(`${one.padEnd(pad)} | alpha one`)
    expect(untimed).toContain(`${two.padEnd(pad)} | from the other one`)
    expect(untimed.indexOf(`${one.padEnd(pad)} | alpha one`)).toBeLessThan(untimed.indexOf(`${two.padEnd(pad)} | from the other one`))
    expect(download.suggestedFilename()).toMatch(new RegExp(`^logs-${one}-and-1-more-.*\\.log$`))
    // Leaving the view closes its streams.
    await page.getByRole('link', { name: 'Back to containers' }).click()
    await expect.poll(logStreams, POLL).toBe(0)
  })

  it('follows new lines, pauses when scrolled up with a count of new lines, and jumps back to the latest', async () => {
    const name = containers.name('ticker')
    await containers.run(name, { cmd: ['sh', '-c', 'i=0; while [ $i -lt 300 ]; do i=$((i+1)); echo "burst $i"; done; while true; do echo "tick $(date +%s%N)"; sleep 0.2; done'] })
    await openLogsTabFor(name, 'burst 300')
    const scroller = log()
    const gap = () => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)
    await expect.poll(gap, POLL).toBeLessThan(4)
    await log()
      .getByText(/^tick /)
      .first()
      .waitFor()
    await expect.poll(gap, POLL).toBeLessThan(4)

    await scroller.evaluate((el) => (el.scrollTop = 0))
    const jump = page.getByRole('button', { name: /new lines? — jump to latest/ })
    await jump.waitFor()
    await expect.poll(async () => Number(/(\d+)/.exec(await jump.innerText())?.[1] ?? 0), POLL).toBeGreaterThan(1)
    expect(await gap()).toBeGreaterThan(100)
    await jump.click()
    await jump.waitFor({ state: 'detached' })
    await expect.poll(gap, POLL).toBeLessThan(4)
    // End resumes as well.
    await scroller.evaluate((el) => (el.scrollTop = 0))
    await jump.waitFor()
    await scroller.press('End')
    await jump.waitFor({ state: 'detached' })
    await expect.poll(gap, POLL).toBeLessThan(4)
  })

  it('marks a restart with a divider while following', async () => {
    const name = containers.name('restarts')
    await containers.run(name, { cmd: ['sh', '-c', 'echo "hello from $$ at $(date +%s%N)"; exec sleep 100000'] })
    await openLogsTabFor(name, /^hello from/)
    await docker('restart', '-t', '0', name)
    await log()
      .getByRole('separator')
      .filter({ hasText: /^Restarted at / })
      .waitFor()
    await expect
      .poll(
        () =>
          log()
            .getByText(/^hello from/)
            .count(),
        POLL,
      )
      .toBe(2)
  })

  it('opens a Compose project’s merged logs from its group row', async () => {
    const project = `e2e-${containers.runId}-proj`
    const compose = (service: string) => ({
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': '1',
      'com.docker.compose.oneoff': 'False',
    })
    await containers.run(containers.name('web'), { labels: compose('web'), cmd: ['sh', '-c', "echo 'web says hi'; exec sleep 100000"] })
    await containers.run(containers.name('db'), { labels: compose('db'), cmd: ['sh', '-c', "echo 'db says hi'; exec sleep 100000"] })
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Containers', exact: true }).click()
    await page.getByRole('searchbox', { name: 'Search containers' }).fill(project)
    await page.getByRole('button', { name: `Logs of ${project}` }).click()
    await page.getByRole('heading', { level: 1, name: `Logs of ${project}` }).waitFor()
    await log().getByText('web says hi').waitFor()
    await log().getByText('db says hi').waitFor()
  })

  it('wraps long lines on request, each row as tall as its text', async () => {
    const name = containers.name('long')
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ')
    await containers.run(name, { cmd: ['sh', '-c', `echo 'short first'; echo '${long}'; echo 'short last'; exec sleep 100000`] })
    await openLogsTabFor(name, 'short last')
    const boxes = () =>
      log()
        .locator('.row')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom, height: r.height })))
    expect((await boxes()).map((b) => b.height)).toEqual([20, 20, 20])
    await page.getByRole('button', { name: 'Wrap lines' }).click()
    await expect.poll(async () => (await boxes())[1]?.height ?? 0, POLL).toBeGreaterThan(39)
    const [a, b, c] = await boxes()
    expect(b?.top).toBeGreaterThanOrEqual((a?.bottom ?? 0) - 0.5)
    expect(c?.top).toBeGreaterThanOrEqual((b?.bottom ?? 0) - 0.5)
    await page.getByRole('button', { name: 'Wrap lines' }).click()
    await expect.poll(async () => (await boxes()).map((x) => x.height), POLL).toEqual([20, 20, 20])
  })

  it('reads a since/until range, and says what it cannot read', async () => {
    await openLogsTab(one)
    await page.getByRole('textbox', { name: 'Since' }).fill('yesterday')
    await page.getByRole('button', { name: 'Apply' }).click()
    await page.getByRole('alert').filter({ hasText: '“yesterday” is not a time Berth understands' }).waitFor()
    // Everything until one second ago: the lines printed at start, and no following.
    await page.getByRole('textbox', { name: 'Since' }).fill('')
    await page.getByRole('textbox', { name: 'Until' }).fill('1s')
    await page.getByRole('button', { name: 'Apply' }).click()
    await page.getByRole('status').filter({ hasText: 'End of the log for this range.' }).waitFor()
    await expect.poll(rowTexts, POLL).toContain('beta 3 last')
    await page.getByRole('textbox', { name: 'Until' }).fill('')
    await page.getByRole('textbox', { name: 'Since' }).fill('1s')
    await page.getByRole('button', { name: 'Apply' }).click()
    await expect.poll(() => log().locator('.row').count(), POLL).toBe(0)
    await log().getByText('No log lines yet.').waitFor()
  })

  it('loads older lines when scrolled to the top, beyond the first tail', async () => {
    const name = containers.name('history')
    await containers.run(name, { cmd: ['sh', '-c', 'i=0; while [ $i -lt 1500 ]; do i=$((i+1)); echo "history $i"; done; exec sleep 100000'] })
    await openLogsTabFor(name, 'history 1500')
    // The default tail is 1000 lines: 501…1500.
    await expect.poll(() => log().evaluate((el) => el.scrollHeight), POLL).toBe(1000 * 20)
    await log().evaluate((el) => (el.scrollTop = 0))
    await expect.poll(() => log().evaluate((el) => el.scrollHeight), POLL).toBe(1500 * 20)
    await log().evaluate((el) => (el.scrollTop = 0))
    await log().getByText('history 1', { exact: true }).waitFor()
    // The lines that were at the top stay where they were read, below the older page.
    expect(await log().getByText('history 500', { exact: true }).count()).toBe(0)
  })

  it('moves between the Inspect and Logs tabs with the arrow keys, and copies a line', async () => {
    await openLogsTab(one)
    await context?.grantPermissions(['clipboard-read', 'clipboard-write'])
    const row = log().locator('.row').filter({ hasText: 'alpha one' })
    await row.hover()
    await row.getByRole('button', { name: 'Copy line' }).click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('alpha one')

    await page.getByRole('tab', { name: 'Logs' }).focus()
    await page.keyboard.press('ArrowLeft')
    await page.getByRole('region', { name: 'Summary' }).waitFor()
    expect(await page.getByRole('tab', { name: 'Inspect' }).getAttribute('aria-selected')).toBe('true')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Inspect')
    expect(await page.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('tab-inspect')
    await page.keyboard.press('ArrowRight')
    await log().getByText('beta 3 last').waitFor()
    expect(berth.services.streams.openKeys().filter((k) => k.startsWith('logs:'))).toHaveLength(1)
    await page.keyboard.press('ArrowLeft')
    // Leaving the Logs tab closes its stream.
    await expect.poll(() => berth.services.streams.openKeys().filter((k) => k.startsWith('logs:')).length, POLL).toBe(0)
  })

  it('says when a followed container stops, and keeps its lines', async () => {
    const name = containers.name('stops')
    await containers.run(name)
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Containers', exact: true }).click()
    await page.getByRole('searchbox', { name: 'Search containers' }).fill(name)
    await page.getByRole('link', { name: `Open ${name}`, exact: true }).click()
    await page.getByRole('tab', { name: 'Logs' }).click()
    await log().getByText('No log lines yet.').waitFor()
    await docker('exec', name, 'sh', '-c', 'echo "written before the stop" > /proc/1/fd/1')
    await log().getByText('written before the stop').waitFor()
    await docker('stop', '-t', '0', name)
    await page.getByRole('status').filter({ hasText: 'The container stopped.' }).waitFor()
    await log()
      .getByRole('separator')
      .filter({ hasText: /^Stopped at / })
      .waitFor()
    expect(await rowTexts()).toEqual(['written before the stop'])
  })

  it('removes the oldest lines past the cap set in Settings, and says how many left', async () => {
    const name = containers.name('capped')
    await containers.run(name, { cmd: ['sh', '-c', 'i=0; while [ $i -lt 2500 ]; do i=$((i+1)); echo "capped $i"; done; exec sleep 100000'] })
    const setCap = async (lines: number) => {
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Settings' }).click()
      const field = page.getByRole('spinbutton', { name: 'Lines a log view keeps' })
      await field.fill(String(lines))
      await field.press('Tab')
      await expect.poll(() => berth.services.settings.get().preferences.logLines, POLL).toBe(lines)
    }
    await setCap(1000)
    try {
      await openLogsTabFor(name, 'capped 2500')
      // All 2500 lines into a view that keeps 1000: the first 1500 leave it.
      await page.getByRole('combobox', { name: 'Last lines' }).selectOption('all')
      await page.getByRole('button', { name: 'Apply' }).click()
      await page
        .getByRole('status')
        .filter({ hasText: /^1,?500 older lines were removed from view$/ })
        .waitFor()
      await log().evaluate((el) => (el.scrollTop = 0))
      await expect.poll(async () => (await rowTexts())[0], POLL).toBe('capped 1501')
      expect(await log().evaluate((el) => el.scrollHeight)).toBe(1000 * 20)
    } finally {
      await setCap(100_000)
    }
  })
})
