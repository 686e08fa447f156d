import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { engineReady, launchBrowser, openApp, screenshotIfFailed, startBerth, TestContainers, docker, type BerthServer } from './harness'

// The Containers screen against the real engine, driven as a person would.
const ready = await engineReady()
const POLL = { timeout: 15_000, interval: 100 }

describe.skipIf(!ready)('Containers screen', () => {
  const containers = new TestContainers()
  let berth: BerthServer
  let browser: Browser
  let context: BrowserContext | null = null
  let page: Page

  beforeAll(async () => {
    berth = await startBerth()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await berth?.close()
    await containers.removeAll()
  })
  afterEach((ctx) => screenshotIfFailed(ctx.task, page))

  async function freshPage(): Promise<Page> {
    await context?.close()
    ;({ context, page } = await openApp(browser, berth))
    return page
  }

  const search = () => page.getByRole('searchbox', { name: 'Search containers' })
  const link = (name: string) => page.getByRole('link', { name: `Open ${name}`, exact: true })
  const row = (name: string): Locator => page.getByRole('row').filter({ has: link(name) })
  const stateOf = (name: string) => row(name).getByRole('cell').nth(3).innerText()
  /** Names of the container rows on screen, in order. */
  const shownNames = () =>
    page
      .getByRole('table')
      .getByRole('link', { name: /^Open / })
      .evaluateAll((links) => links.map((l) => (l.getAttribute('aria-label') ?? '').replace(/^Open /, '')))

  it('shows a container created from the CLI without a reload, and drops it when the CLI removes it', async () => {
    await freshPage()
    const name = containers.name('cli')
    await search().fill(`e2e-${containers.runId}-cli-`)
    expect(await link(name).count()).toBe(0)

    await containers.run(name)
    await link(name).waitFor()
    await expect.poll(() => stateOf(name), POLL).toContain('Running')

    await docker('rm', '-f', name)
    await link(name).waitFor({ state: 'detached' })
    await expect.poll(shownNames, POLL).toEqual([])
  })

  it('stops a running container with its Stop button and starts it again with Start', async () => {
    await freshPage()
    const name = containers.name('stopstart')
    await containers.run(name)
    await search().fill(name)
    await expect.poll(() => stateOf(name), POLL).toContain('Running')

    await page.getByRole('button', { name: `Stop: ${name}`, exact: true }).click()
    await expect.poll(() => stateOf(name), POLL).toContain('Exited')
    expect(await docker('inspect', '--format', '{{.State.Status}}', name)).toBe('exited')

    await page.getByRole('button', { name: `Start: ${name}`, exact: true }).click()
    await expect.poll(() => stateOf(name), POLL).toContain('Running')
    expect(await docker('inspect', '--format', '{{.State.Status}}', name)).toBe('running')
  })

  // The engine sends `die` before it records the exit (Engine 20.10 still lists the container
  // as running for ~100 ms); main re-reads rows that disagree with their event.
  it("shows Exited when a container's process ends by itself", async () => {
    await freshPage()
    const name = containers.name('exits')
    await search().fill(name)
    await containers.run(name, { cmd: ['sh', '-c', 'sleep 1'] })
    await link(name).waitFor()
    await expect.poll(() => docker('inspect', '--format', '{{.State.Status}}', name), POLL).toBe('exited')
    await expect.poll(() => stateOf(name), { timeout: 5_000, interval: 100 }).toContain('Exited')
  })

  it('removes the selected containers after confirming, and keeps them when the dialog is cancelled', async () => {
    await freshPage()
    const prefix = `e2e-${containers.runId}-bulk-`
    const [a, b, c, keep] = [containers.name('bulk'), containers.name('bulk'), containers.name('bulk'), containers.name('bulk')]
    await Promise.all([containers.run(a), containers.run(b), containers.run(c, { create: true }), containers.run(keep)])
    await search().fill(prefix)
    await expect.poll(shownNames, POLL).toEqual([a, b, c, keep])

    for (const n of [a, b, c]) await page.getByRole('checkbox', { name: `Select ${n}`, exact: true }).check()
    const toolbar = page.getByRole('toolbar', { name: '3 selected' })
    await toolbar.waitFor()

    // Cancel first: nothing happens.
    await toolbar.getByRole('button', { name: 'Remove', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Remove 3 containers?' })
    await dialog.waitFor()
    expect(await dialog.getByRole('listitem').allInnerTexts()).toEqual([a, b, c])
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await shownNames()).toEqual([a, b, c, keep])
    expect((await docker('ps', '-a', '--filter', `name=${prefix}`, '--format', '{{.Names}}')).split('\n').sort()).toEqual([a, b, c, keep])

    // Then confirm: exactly the three selected go, running ones included.
    await toolbar.getByRole('button', { name: 'Remove', exact: true }).click()
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click()
    await expect.poll(shownNames, POLL).toEqual([keep])
    expect(await docker('ps', '-a', '--filter', `name=${prefix}`, '--format', '{{.Names}}')).toBe(keep)
    await toolbar.waitFor({ state: 'detached' })
  })

  it('narrows the rows by name, by label key=value and by state, and focuses search with the / key', async () => {
    await freshPage()
    const prefix = `e2e-${containers.runId}-find-`
    const front = containers.name('find')
    const back = containers.name('find')
    const done = containers.name('find')
    await Promise.all([
      containers.run(front, { labels: { 'e2e.tier': 'front' } }),
      containers.run(back, { labels: { 'e2e.tier': 'back' } }),
      containers.run(done, { labels: { 'e2e.tier': 'batch' } }).then(() => docker('stop', done)),
    ])

    // By name.
    await search().fill(prefix)
    await expect.poll(shownNames, POLL).toEqual([front, back, done])
    await search().fill(back)
    await expect.poll(shownNames, POLL).toEqual([back])

    // By label: this run's containers, then only the one whose e2e.tier is front.
    await search().fill(containers.label)
    await expect.poll(shownNames, POLL).toEqual(expect.arrayContaining([front, back, done]))
    await search().fill(`${containers.label} e2e.tier=front`)
    await expect.poll(shownNames, POLL).toEqual([front])

    // By state.
    await search().fill(prefix)
    const filter = page.getByRole('radiogroup', { name: 'Show' })
    await filter.getByRole('radio', { name: 'Running' }).click()
    expect(await filter.getByRole('radio', { name: 'Running' }).getAttribute('aria-checked')).toBe('true')
    await expect.poll(shownNames, POLL).toEqual([front, back])
    await filter.getByRole('radio', { name: 'Stopped' }).click()
    await expect.poll(shownNames, POLL).toEqual([done])
    await filter.getByRole('radio', { name: 'All' }).click()
    await expect.poll(shownNames, POLL).toEqual([front, back, done])

    // The / key, pressed outside a field, moves focus to search and types nothing itself.
    await page.getByRole('heading', { name: 'Containers' }).click()
    expect(await search().evaluate((el) => el === document.activeElement)).toBe(false)
    await page.keyboard.press('/')
    await expect.poll(() => search().evaluate((el) => el === document.activeElement), POLL).toBe(true)
    await page.keyboard.type(front)
    expect(await search().inputValue()).toBe(front)
    await expect.poll(shownNames, POLL).toEqual([front])
  })

  it('groups Compose containers under a project row that collapses and expands', async () => {
    await freshPage()
    const project = `e2e${containers.runId}shop`
    const web = containers.name('web')
    const db = containers.name('db')
    const loner = `${project}-loner-${containers.runId}`
    const compose = (service: string) => ({ 'com.docker.compose.project': project, 'com.docker.compose.service': service })
    await Promise.all([containers.run(web, { labels: compose('web') }), containers.run(db, { labels: compose('db') }), containers.run(loner)])

    await search().fill(project)
    await expect.poll(shownNames, POLL).toEqual(expect.arrayContaining([web, db, loner]))
    const toggle = page.getByRole('button', { name: `Show or hide the containers of ${project}` })
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    const groupRow = page.getByRole('row').filter({ has: toggle })
    // A member can show up at its `create` event, before its `start`.
    await expect.poll(() => groupRow.innerText(), POLL).toContain('2 of 2 running')

    // Members sit right under their project row and show their service names.
    const index = async (l: Locator) => Number(await l.getAttribute('aria-rowindex'))
    const g = await index(groupRow)
    expect([await index(row(db)), await index(row(web))].sort((x, y) => x - y)).toEqual([g + 1, g + 2])
    expect(await link(web).innerText()).toBe('web')
    expect(await link(db).innerText()).toBe('db')

    await toggle.click()
    await expect.poll(() => toggle.getAttribute('aria-expanded'), POLL).toBe('false')
    await expect.poll(shownNames, POLL).toEqual([loner])

    await toggle.click()
    await expect.poll(shownNames, POLL).toEqual(expect.arrayContaining([web, db, loner]))
    expect((await shownNames()).length).toBe(3)
  })
})
