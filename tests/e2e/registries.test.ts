import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Docker from 'dockerode'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startRegistry, type TestRegistry } from '../helpers/registry'
import { ENGINE_SOCKET, engineReady, screenshotIfFailed, startApp, TEST_IMAGE, type App } from './harness'

// Logging in to a real htpasswd registry from the Registries screen (a wrong password first,
// shown in the dialog), then browsing its catalog, tags and a manifest, and logging out.

const ready = await engineReady()
const engine = new Docker({ socketPath: ENGINE_SOCKET })

describe.skipIf(!ready)('Registries: log in, browse, log out', () => {
  let app: App
  let registry: TestRegistry
  const repo = `berth-test/e2e-${Math.random().toString(36).slice(2, 8)}`
  let reference = ''

  beforeAll(async () => {
    registry = await startRegistry({ auth: true })
    reference = `${registry.host}/${repo}:1.0`
    await engine.getImage(TEST_IMAGE).tag({ repo: `${registry.host}/${repo}`, tag: '1.0' })
    const stream = await engine.getImage(reference).push({ authconfig: { serveraddress: registry.host, username: registry.user, password: registry.password } })
    await new Promise<void>((resolve, reject) =>
      engine.modem.followProgress(stream, (err: Error | null, events: { error?: string }[]) => {
        const failed = err ?? events.find((e) => e.error)?.error
        if (failed) reject(new Error(String(failed)))
        else resolve()
      }),
    )
    app = await startApp()
  })

  afterAll(async () => {
    await app?.close()
    if (reference)
      await engine
        .getImage(reference)
        .remove()
        .catch(() => undefined)
    await registry?.stop()
  })

  afterEach((ctx) => screenshotIfFailed(ctx.task, app?.page))

  it('says a wrong password is wrong in the dialog, logs in with the right one, and lists repositories, tags and the manifest', async () => {
    const { page } = app
    await page.getByRole('navigation').getByRole('link', { name: 'Registries' }).click()
    await page.getByRole('heading', { level: 1, name: 'Registries' }).waitFor()

    await page.getByLabel('Registry host').fill(registry.host)
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: registry.host }).waitFor()
    const repositories = page.getByRole('region', { name: 'Repositories' })
    await repositories.getByRole('alert').getByText('needs you to log in').waitFor()

    await repositories.getByRole('button', { name: 'Log in' }).click()
    const dialog = page.getByRole('dialog', { name: `Log in to ${registry.host}` })
    await dialog.getByLabel('User name').fill(registry.user!)
    await dialog.getByLabel('Password or access token').fill('wrong-password')
    await dialog.getByRole('button', { name: 'Log in' }).click()
    await dialog.getByRole('alert').getByText('refused that user name and password').waitFor()
    expect(await dialog.getByLabel('Password or access token').inputValue()).toBe('')

    await dialog.getByLabel('Password or access token').fill(registry.password!)
    await dialog.getByRole('button', { name: 'Log in' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByText(`Logged in as ${registry.user}`).first().waitFor()
    const stored = JSON.parse(readFileSync(join(app.configDir, 'docker', 'config.json'), 'utf8')) as { auths: Record<string, { auth: string }> }
    expect(stored.auths[registry.host]?.auth).toBe(Buffer.from(`${registry.user}:${registry.password}`).toString('base64'))

    await repositories.getByRole('button', { name: repo }).click()
    const tags = page.getByRole('region', { name: 'Tags' })
    await tags.getByRole('button', { name: '1.0', exact: true }).click()
    const manifest = page.getByRole('region', { name: 'Manifest' })
    const local = await engine.getImage(TEST_IMAGE).inspect()
    await manifest.getByRole('cell', { name: `${local.Os}/${local.Architecture}` }).waitFor()
    await manifest.getByText('Single-platform image').waitFor()
    expect(await manifest.getByText(/^sha256:[0-9a-f]{64}$/).count()).toBe(1)
  })

  it('logs out after confirming, and the credential leaves config.json', async () => {
    const { page } = app
    await page.getByRole('link', { name: 'All registries' }).click()
    const list = page.getByRole('list', { name: 'Registries' })
    await list.getByText(`Logged in as ${registry.user}`).waitFor()
    await list.getByRole('button', { name: `Log out: ${registry.host}` }).click()
    await page
      .getByRole('dialog', { name: `Log out of ${registry.host}?` })
      .getByRole('button', { name: 'Log out' })
      .click()
    await list.getByText('Not logged in').waitFor()
    const file = join(app.configDir, 'docker', 'config.json')
    expect(existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { auths: Record<string, unknown> }).auths[registry.host]).toBeFalsy()
  })
})
