import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { docker, engineReady, screenshotIfFailed, startApp, startEngineProxy, TestContainers, type App } from './harness'

// The Terminal tab: a shell in the container through xterm.js, in Chromium via browser mode.
// WebGL is switched off so xterm draws with its DOM renderer, whose rows the test can read
// (this also exercises the fallback); screenshots cover the WebGL renderer.
const ready = await engineReady()

describe.skipIf(!ready)('Terminal', () => {
  const containers = new TestContainers()
  let browser: Browser
  let app: App
  let page: Page
  let shell: { name: string; id: string }

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-webgl', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      headless: true,
    })
    app = await startApp({ browser })
    page = app.page
    const name = containers.name('shell')
    shell = { name, id: await containers.run(name) }
  })
  afterAll(async () => {
    await app?.close()
    await browser?.close()
    await containers.removeAll()
  })
  afterEach((ctx) => screenshotIfFailed(ctx.task, page))

  async function openTerminalTab(id: string): Promise<void> {
    await page.goto(`${app.origin}/#/containers/${id}?tab=terminal`)
    await page.getByRole('tab', { name: 'Terminal' }).waitFor()
  }

  const terminal = (title: string) => page.getByRole('group', { name: title, exact: true })
  const screenText = (title: string) => terminal(title).locator('.xterm-rows').innerText()

  async function waitForText(title: string, pattern: RegExp): Promise<string> {
    let text = ''
    await expect
      .poll(
        async () => {
          // xterm pads rows with no-break spaces.
          text = (await screenText(title)).replace(/\u00a0/g, ' ')
          return pattern.test(text) || text
        },
        { timeout: 10_000 },
      )
      .toBe(true)
    return text
  }

  async function run(title: string, command: string): Promise<void> {
    await terminal(title).click()
    await page.keyboard.type(command)
    await page.keyboard.press('Enter')
  }

  it('opens a shell, runs a typed command and shows its output', async () => {
    await openTerminalTab(shell.id)
    expect(await page.getByRole('tab', { name: 'Terminal' }).getAttribute('aria-selected')).toBe('true')
    await page.getByRole('tab', { name: '1 · sh' }).waitFor()
    await waitForText('1 · sh', /^\/ # *$/m)
    await run('1 · sh', 'echo $((6*7))')
    await waitForText('1 · sh', /^42$/m)
  })

  it('blinks the focused cursor with a class toggled twice a second, not an endless CSS animation that keeps the page drawing frames', async () => {
    await openTerminalTab(shell.id)
    await waitForText('1 · sh', /^\/ # *$/m)
    await terminal('1 · sh').click()
    const host = terminal('1 · sh')
    // The cursor's hidden half comes, and goes, while the page runs no animation at all.
    await expect.poll(() => host.evaluate((el) => el.classList.contains('cursor-off')), { timeout: 5_000 }).toBe(true)
    await expect.poll(() => host.evaluate((el) => el.classList.contains('cursor-off')), { timeout: 5_000 }).toBe(false)
    expect(await page.evaluate(() => document.getAnimations().map((a) => (a as CSSAnimation).animationName ?? a.id))).toEqual([])
    // Typing shows the cursor solid.
    await page.keyboard.type('x')
    expect(await host.evaluate((el) => el.classList.contains('cursor-off'))).toBe(false)
    await page.keyboard.press('Backspace')
  })

  it('carries Korean typed in, and prints it back', async () => {
    await terminal('1 · sh').click()
    await page.keyboard.type('echo "[')
    // insertText is how an input method hands over composed text.
    await page.keyboard.insertText('안녕하세요')
    await page.keyboard.type(']" | wc -c; echo done-ko')
    await page.keyboard.press('Enter')
    const text = await waitForText('1 · sh', /^done-ko$/m)
    // 2 brackets + 15 bytes of Korean + newline.
    expect(text, text).toMatch(/^18$/m)
    await run('1 · sh', 'echo "안녕하세요"')
    await waitForText('1 · sh', /^안\s?녕\s?하\s?세\s?요$/m)
  })

  it('resizes the TTY with the pane: stty size follows the window', async () => {
    await run('1 · sh', 'clear; stty size')
    const before = (await waitForText('1 · sh', /^(\d+) (\d+)$/m)).match(/^(\d+) (\d+)$/m)!
    await page.setViewportSize({ width: 900, height: 560 })
    await expect
      .poll(
        async () => {
          await run('1 · sh', 'clear; stty size')
          const m = (await screenText('1 · sh')).match(/^(\d+) (\d+)$/m)
          return m ? [Number(m[1]) < Number(before[1]), Number(m[2]) < Number(before[2])] : null
        },
        { timeout: 10_000, interval: 500 },
      )
      .toEqual([true, true])
    await page.setViewportSize({ width: 1280, height: 760 })
  })

  it('pastes with Ctrl+Shift+V, copies the selection with Ctrl+Shift+C, and searches with Ctrl+Shift+F', async () => {
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await page.evaluate(() => navigator.clipboard.writeText('echo pasted-$((3*5))'))
    await terminal('1 · sh').click()
    await page.keyboard.press('Control+Shift+V')
    await page.keyboard.press('Enter')
    await waitForText('1 · sh', /^pasted-15$/m)
    // Plain Ctrl+C stays the interrupt: it does not copy.
    await run('1 · sh', 'echo copy-me-please')
    await waitForText('1 · sh', /^copy-me-please$/m)
    const row = terminal('1 · sh')
      .locator('.xterm-rows > div')
      .filter({ hasText: /^copy-me-please\s*$/ })
    // xterm's rows sit under its mouse layer: double-click where the word is drawn.
    const box = (await row.boundingBox())!
    await page.mouse.dblclick(box.x + 20, box.y + box.height / 2)
    await page.keyboard.press('Control+Shift+C')
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('copy-me-please')
    await page.keyboard.press('Control+Shift+F')
    const find = page.getByRole('textbox', { name: 'Find in the terminal' })
    await find.fill('no-such-text-anywhere')
    await page.getByText('No match').waitFor()
    expect(await find.getAttribute('aria-invalid')).toBe('true')
    await find.fill('pasted-15')
    await page.getByText('No match').waitFor({ state: 'detached' })
    expect(await find.getAttribute('aria-invalid')).toBe('false')
    await page.getByRole('button', { name: 'Close search' }).click()
    await find.waitFor({ state: 'detached' })
  })

  it('keeps the terminal open while another detail tab shows', async () => {
    await run('1 · sh', 'export KEPT=yes-still-here')
    await page.getByRole('tab', { name: 'Logs' }).click()
    await page.getByRole('tab', { name: 'Inspect' }).click()
    await page.getByRole('tab', { name: 'Terminal' }).click()
    await run('1 · sh', 'echo $KEPT')
    await waitForText('1 · sh', /^yes-still-here$/m)
  })

  it('opens a second terminal as its own tab, and closing a tab ends its exec in the container', async () => {
    await page.getByRole('button', { name: 'New terminal' }).click()
    await page.getByRole('tab', { name: '2 · sh' }).waitFor()
    await waitForText('2 · sh', /^\/ # *$/m)
    await run('2 · sh', 'sleep 1000')
    await expect.poll(() => countRunning(shell.id), { timeout: 10_000 }).toBe(2)
    await page.getByRole('button', { name: 'Close 2 · sh' }).click()
    await expect.poll(() => countRunning(shell.id), { timeout: 15_000 }).toBe(1)
    expect(await page.getByRole('tab', { name: '1 · sh' }).getAttribute('aria-selected')).toBe('true')
  })

  it('runs a custom command from the options, and says when it ended with Reconnect', async () => {
    await page.getByRole('button', { name: 'Options…' }).click()
    const form = page.getByRole('form', { name: 'Open a terminal' })
    await form.getByRole('radio', { name: 'Custom command' }).check()
    await form.getByRole('textbox', { name: 'Command' }).fill(`sh -c 'echo from-custom; id -u; pwd; exit 4'`)
    await form.getByRole('textbox', { name: 'User' }).fill('65534')
    await form.getByRole('textbox', { name: 'Working directory' }).fill('/tmp')
    await form.getByRole('button', { name: 'Open' }).click()
    await page.getByRole('tab', { name: '2 · sh' }).waitFor()
    const text = await waitForText('2 · sh', /The process ended with exit code 4\./)
    expect(text).toMatch(/^from-custom$\n^65534$\n^\/tmp$/m)
    await page.getByRole('status').filter({ hasText: 'The process ended with exit code 4.' }).getByRole('button', { name: 'Reconnect' }).waitFor()
    await page.getByRole('button', { name: 'Close 2 · sh' }).click()
  })

  it('leaving the detail view closes every terminal of it', async () => {
    await page.getByRole('link', { name: 'Back to containers' }).click()
    await expect.poll(() => countRunning(shell.id), { timeout: 15_000 }).toBe(0)
    expect(app.services.domains.exec.sessions.size()).toBe(0)
  })

  it('attaches to the terminal of a container started with -it, and closing the tab leaves it running', async () => {
    const name = containers.name('interactive')
    const id = await containers.run(name, { args: ['-it'], cmd: ['sh'] })
    await openTerminalTab(id)
    await page.getByRole('tab', { name: '1 · sh' }).waitFor()
    await page.getByRole('button', { name: 'Options…' }).click()
    const form = page.getByRole('form', { name: 'Open a terminal' })
    await form.getByRole('radio', { name: 'The container’s own terminal (attach)' }).check()
    await form.getByRole('button', { name: 'Open' }).click()
    await page.getByRole('tab', { name: '2 · attached' }).waitFor()
    await run('2 · attached', 'echo attached-$((20+1))')
    await waitForText('2 · attached', /^attached-21$/m)
    await page.getByRole('button', { name: 'Close 2 · attached' }).click()
    await page.getByRole('tab', { name: '2 · attached' }).waitFor({ state: 'detached' })
    await new Promise((r) => setTimeout(r, 500))
    expect(await docker('inspect', '-f', '{{.State.Running}}', id)).toBe('true')
    await page.getByRole('link', { name: 'Back to containers' }).click()
  })

  it('explains a stopped container and offers to start it, then opens a shell', async () => {
    const name = containers.name('stopped')
    const id = await containers.run(name, { create: true })
    await openTerminalTab(id)
    const notice = page.getByRole('status').filter({ hasText: 'is not running, so no terminal can be opened' })
    await notice.waitFor()
    await notice.getByRole('button', { name: 'Start' }).click()
    await page.getByRole('tab', { name: '1 · sh' }).waitFor()
    await run('1 · sh', 'echo started-$((1+1))')
    await waitForText('1 · sh', /^started-2$/m)
    await page.getByRole('link', { name: 'Back to containers' }).click()
  })

  it('says the engine was lost inside the terminal, and Reconnect opens a new shell once it is back', async () => {
    const proxy = await startEngineProxy()
    const proxied = await startApp({ browser, engineUrl: proxy.url })
    try {
      const p = proxied.page
      await p.goto(`${proxied.origin}/#/containers/${shell.id}?tab=terminal`)
      const term = p.getByRole('group', { name: '1 · sh', exact: true })
      await term.waitFor()
      await expect.poll(async () => /^\/ # *$/m.test((await term.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' '))).toBe(true)
      await proxy.cut()
      await p.getByText('The engine is not reachable').first().waitFor()
      await proxy.restore()
      const banner = p.getByRole('status').filter({ hasText: 'The connection to the engine was lost.' })
      await banner.waitFor({ timeout: 20_000 })
      expect(await term.locator('.xterm-rows').innerText()).toContain('The connection to the engine was lost.')
      await banner.getByRole('button', { name: 'Reconnect' }).click()
      await banner.waitFor({ state: 'detached' })
      await term.click()
      await p.keyboard.type('echo back-$((50+5))')
      await p.keyboard.press('Enter')
      await expect.poll(async () => /^back-55\s*$/m.test((await term.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ')), { timeout: 10_000 }).toBe(true)
    } finally {
      await proxied.close()
      await proxy.close()
    }
  }, 60_000)

  /** How many of the container's execs the engine says are running. */
  async function countRunning(id: string): Promise<number> {
    const out = await docker('inspect', '-f', '{{json .ExecIDs}}', id)
    const ids = (JSON.parse(out) as string[] | null) ?? []
    const states = await Promise.all(
      ids.map((e) =>
        app.services.connection
          .client()
          .getExec(e)
          .inspect()
          .then(
            (i) => i.Running === true,
            () => false,
          ),
      ),
    )
    return states.filter(Boolean).length
  }
})
