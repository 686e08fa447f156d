import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { docker, engineReady, launchBrowser, openApp, screenshotIfFailed, startBerth, TEST_IMAGE, TestContainers, type BerthServer } from './harness'
import { freePort } from '../helpers/free-port'

// The run dialog as a person uses it: from the Containers toolbar, with a port and a memory
// limit, checked as typed, the equivalent docker run shown; the new container opens and lists.
const ready = await engineReady()

describe.skipIf(!ready)('Run dialog', () => {
  const containers = new TestContainers()
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
  })
  afterEach((ctx) => screenshotIfFailed(ctx.task, page))

  async function openDialog() {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Containers', exact: true }).click()
    await page.getByRole('button', { name: 'Run…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Run a container' })
    await dialog.waitFor()
    return dialog
  }

  it('checks fields as typed and runs nothing while one is wrong', async () => {
    const dialog = await openDialog()
    await dialog.getByRole('textbox', { name: 'Image' }).fill(TEST_IMAGE)
    await dialog.getByRole('textbox', { name: /Ports/ }).fill('8080:80\nweb:80')
    await dialog.getByRole('textbox', { name: 'Memory limit' }).fill('12 apples')
    await dialog.getByRole('textbox', { name: 'Name' }).click()
    await dialog.getByText('Line 2: Ports are numbers from 1 to 65535.').waitFor()
    await dialog.getByText('Type a size with a unit: k, m or g (e.g. 512m).').waitFor()
    expect(await dialog.getByTestId('run-command').innerText()).toBe('—')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'hidden' })
  })

  it('opens again after the browser itself closed the dialog (a second Escape, or close())', async () => {
    const dialog = await openDialog()
    // What Chromium does on an Escape that follows a prevented cancel: it closes the dialog natively.
    await page.evaluate(() => document.querySelector<HTMLDialogElement>('dialog[open]')?.close())
    await dialog.waitFor({ state: 'hidden' })
    await page.getByRole('button', { name: 'Run…' }).click()
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'hidden' })
  })

  it('runs a container with a port and a memory limit, opens it, and lists it in Containers', async () => {
    const name = containers.name('web')
    const port = await freePort()
    const dialog = await openDialog()
    await dialog.getByRole('textbox', { name: 'Image' }).fill(TEST_IMAGE)
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
    await dialog.getByRole('textbox', { name: /Ports/ }).fill(`127.0.0.1:${port}:80`)
    await dialog.getByRole('textbox', { name: 'Memory limit' }).fill('64m')
    await dialog.getByText('Advanced').click()
    await dialog.getByRole('textbox', { name: 'Command' }).fill('sleep 100000')
    await dialog.getByRole('textbox', { name: /Labels/ }).fill(containers.label)
    expect(await dialog.getByTestId('run-command').innerText()).toBe(`docker run -d --name ${name} -p 127.0.0.1:${port}:80 -m 64m --label ${containers.label} ${TEST_IMAGE} sleep 100000`)
    await dialog.getByRole('button', { name: 'Run', exact: true }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByRole('heading', { level: 1, name }).waitFor()
    expect(page.url()).toMatch(/#\/containers\/[0-9a-f]{64}/)

    const limits = await docker('inspect', '--format', '{{.HostConfig.Memory}} {{.State.Running}} {{json .HostConfig.PortBindings}}', name)
    expect(limits).toBe(`${64 * 1024 * 1024} true {"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"${port}"}]}`)

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Containers', exact: true }).click()
    const row = page.getByRole('row').filter({ hasText: name })
    await row.waitFor()
    expect(await row.innerText()).toContain(`${port}`)
  })

  it('names the taken host port when another container holds it, and leaves nothing behind', async () => {
    const port = await freePort()
    await containers.run(containers.name('holder'), { args: ['-p', `127.0.0.1:${port}:80`] })
    const name = containers.name('second')
    const dialog = await openDialog()
    await dialog.getByRole('textbox', { name: 'Image' }).fill(TEST_IMAGE)
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
    await dialog.getByRole('textbox', { name: /Ports/ }).fill(`127.0.0.1:${port}:80`)
    await dialog.getByRole('button', { name: 'Run', exact: true }).click()
    const alert = dialog.getByRole('alert')
    await alert.waitFor()
    expect(await alert.innerText()).toContain(`Host port ${port} on 127.0.0.1 is already in use`)
    expect(await docker('ps', '-a', '--filter', `name=^${name}$`, '--format', '{{.ID}}')).toBe('')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
  })
})
