import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { docker, engineReady, screenshotIfFailed, startApp, TestContainers, type App } from './harness'

// Networks, the container Files tab and the Disk usage clean-up preview, driven as a person would.
const ready = await engineReady()

describe.skipIf(!ready)('Networks, container files and disk usage', () => {
  const containers = new TestContainers()
  const network = `e2e-${containers.runId}-net`
  let app: App
  let page: Page
  let member: { name: string; id: string }
  let stopped: { name: string; id: string }

  beforeAll(async () => {
    app = await startApp()
    page = app.page
    const memberName = containers.name('member')
    member = { name: memberName, id: await containers.run(memberName) }
    // A stopped container whose file the Files tab must still show.
    const stoppedName = containers.name('files')
    stopped = { name: stoppedName, id: await containers.run(stoppedName, { cmd: ['sh', '-c', 'mkdir -p /srv/site && echo hello > /srv/site/index.html'] }) }
    await docker('wait', stopped.id)
  })
  afterAll(async () => {
    await app?.close()
    await containers.removeAll()
    // Only this file's network (created through the UI with our label).
    const ids = (await docker('network', 'ls', '-q', '--filter', `label=${containers.label}`)).split('\n').filter(Boolean)
    if (ids.length > 0) await docker('network', 'rm', ...ids)
  })
  afterEach((ctx) => screenshotIfFailed(ctx.task, page))

  const nav = (name: string) => page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true })

  it('creates a network with a subnet, refusing a gateway outside it first', async () => {
    await nav('Networks').click()
    await page.getByRole('heading', { level: 1, name: 'Networks' }).waitFor()
    // The engine's own networks are there and cannot be selected for removal.
    const bridgeRow = page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: 'bridge', exact: true }) })
    expect(await bridgeRow.getByRole('checkbox').isDisabled()).toBe(true)

    await page.getByRole('button', { name: 'New network' }).click()
    const dialog = page.getByRole('dialog', { name: 'New network' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill(network)
    await dialog.getByRole('textbox', { name: 'Subnet (CIDR, optional)' }).fill('10.252.3.0/24')
    await dialog.getByRole('textbox', { name: 'Gateway (optional)' }).fill('10.252.4.1')
    await dialog.getByRole('textbox', { name: 'Labels (one key=value per line)' }).fill(containers.label)
    await dialog.getByRole('button', { name: 'New network' }).click()
    await dialog.getByText('The gateway must be inside the subnet.').waitFor()
    await dialog.getByRole('textbox', { name: 'Gateway (optional)' }).fill('10.252.3.1')
    await dialog.getByRole('button', { name: 'New network' }).click()
    await dialog.waitFor({ state: 'hidden' })
    // The row arrives through the network's create event.
    const row = page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: network, exact: true }) })
    await row.getByText('10.252.3.0/24').waitFor()
    expect(await row.innerText()).toContain('10.252.3.1')
    expect(JSON.parse(await docker('network', 'inspect', network, '--format', '{{json .IPAM.Config}}'))).toEqual([{ Subnet: '10.252.3.0/24', Gateway: '10.252.3.1' }])
  })

  it('connects a container with an alias, and the row lists it as attached', async () => {
    const row = page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: network, exact: true }) })
    await row.getByRole('button', { name: 'Connect…' }).click()
    const dialog = page.getByRole('dialog', { name: `Connect a container to ${network}` })
    await dialog.getByRole('combobox', { name: 'Container' }).selectOption({ label: member.name })
    await dialog.getByRole('textbox', { name: 'Aliases (optional, separated by commas)' }).fill('web-alias')
    await dialog.getByRole('button', { name: 'Connect…' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await row.getByRole('link', { name: member.name }).waitFor()
    const aliases = await docker('inspect', member.id, '--format', `{{json (index .NetworkSettings.Networks "${network}").Aliases}}`)
    expect(JSON.parse(aliases)).toContain('web-alias')
    // Disconnecting (the × next to it) takes it off again, live.
    await row.getByRole('button', { name: `Disconnect ${member.name} from ${network}` }).click()
    await row.getByRole('link', { name: member.name }).waitFor({ state: 'detached' })
  })

  it('browses a stopped container’s files down to a file, and lists the diff against the image', async () => {
    await page.goto(`${app.origin}/#/containers/${stopped.id}?tab=files`)
    const files = page.getByRole('tabpanel', { name: 'Files' })
    await files.getByRole('button', { name: 'srv', exact: true }).click()
    await files.getByRole('button', { name: 'site', exact: true }).click()
    const table = files.getByRole('table', { name: '/srv/site' })
    const fileRow = table.getByRole('row').filter({ hasText: 'index.html' })
    await fileRow.waitFor()
    expect(await fileRow.innerText()).toContain('6 B')
    expect(decodeURIComponent(page.url())).toContain('path=/srv/site')
    // Breadcrumbs go back to the root.
    await files.getByRole('navigation', { name: 'Path' }).getByRole('button', { name: 'root' }).click()
    await files.getByRole('table', { name: '/' }).waitFor()
    // The diff: /srv/site/index.html was added.
    const changes = page.getByRole('region', { name: 'Changes against the image' })
    await changes.getByRole('radio', { name: /^Added/ }).click()
    await changes.getByText('/srv/site/index.html').waitFor()
  })

  it('uploads a file into the open folder through browser mode, and asks before replacing it', async () => {
    await page.goto(`${app.origin}/#/containers/${member.id}?tab=files&path=/tmp`)
    const files = page.getByRole('tabpanel', { name: 'Files' })
    await files.getByRole('table', { name: '/tmp' }).waitFor()
    const input = files.locator('input[type=file]')
    await input.setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('first\n') })
    await files.getByRole('table', { name: '/tmp' }).getByRole('row').filter({ hasText: 'note.txt' }).waitFor()
    expect(await docker('exec', member.id, 'cat', '/tmp/note.txt')).toBe('first')

    await input.setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('second\n') })
    const confirm = page.getByRole('dialog', { name: 'Replace note.txt?' })
    await confirm.getByRole('button', { name: 'Replace' }).click()
    await page.getByText('note.txt was uploaded to /tmp.').last().waitFor()
    expect(await docker('exec', member.id, 'cat', '/tmp/note.txt')).toBe('second')
  })

  it('previews the clean-up: the stopped test container is listed with what it would free, and nothing is removed', async () => {
    await nav('Disk usage').click()
    await page.getByRole('region', { name: 'Containers' }).waitFor()
    await page.getByRole('button', { name: 'Preview clean-up' }).click()
    const cleanup = page.getByRole('region', { name: 'Clean up' })
    await cleanup.getByText(/^Would free about/).waitFor()
    const line = cleanup.getByRole('listitem').filter({ hasText: 'Stopped containers' }).first()
    await line.getByText('Show what').click()
    await line.getByText(stopped.name).waitFor()
    // Volumes (data) are not ticked by default.
    expect(await cleanup.getByRole('checkbox', { name: /Unused volumes/ }).isChecked()).toBe(false)
    // Opening and cancelling the confirmation removes nothing.
    await cleanup.getByRole('button', { name: 'Remove…' }).click()
    await page.getByRole('dialog', { name: 'Remove what you ticked?' }).getByRole('button', { name: 'Cancel' }).click()
    expect(await docker('ps', '-aq', '--filter', `id=${stopped.id}`)).not.toBe('')
  })
})
