// The Registries shots for scripts/screenshots.ts: two real registries on loopback (one open, one
// with a login), a few repositories pushed through the engine, Berth logged in to the protected
// one through its own service. Everything it starts and tags is removed at the end.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import Docker from 'dockerode'
import { ENGINE_SOCKET, ROOT, TEST_IMAGE, type BerthServer, type ContextOptions, type openApp } from '../tests/e2e/harness'
import { startRegistry, type TestRegistry } from '../tests/helpers/registry'

const OUT_DIR = join(ROOT, 'docs/screenshots')

async function push(engine: Docker, reference: string, auth: object): Promise<void> {
  const [repo, tag] = [reference.slice(0, reference.lastIndexOf(':')), reference.slice(reference.lastIndexOf(':') + 1)]
  await engine.getImage(TEST_IMAGE).tag({ repo, tag })
  const stream = await engine.getImage(reference).push({ authconfig: auth })
  await new Promise<void>((resolve, reject) =>
    engine.modem.followProgress(stream, (err: Error | null, events: { error?: string }[]) => {
      const failed = err ?? events.find((e) => e.error)?.error
      if (failed) reject(new Error(`push ${reference}: ${String(failed)}`))
      else resolve()
    }),
  )
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await page.mouse.move(0, 759)
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))))
}

async function shoot(page: Page, file: string): Promise<void> {
  await settle(page)
  const path = join(OUT_DIR, file)
  await page.screenshot({ path })
  console.log(`wrote ${path}`)
}

/** registries-{light,dark}-{en,ko}.png (list), registry-browse-*.png (catalog → tags → manifest), registry-login-error.png. */
export async function captureRegistries(open: (opts: ContextOptions) => ReturnType<typeof openApp>, berth: BerthServer): Promise<void> {
  const engine = new Docker({ socketPath: ENGINE_SOCKET })
  const registries: TestRegistry[] = []
  const pushed: string[] = []
  try {
    const openReg = await startRegistry()
    registries.push(openReg)
    const secured = await startRegistry({ auth: true })
    registries.push(secured)
    for (const ref of ['shop/api:1.4.2', 'shop/api:1.5.0', 'shop/api:latest', 'shop/web:2.0', 'tools/busybox:stable']) {
      const reference = `${openReg.host}/${ref}`
      await push(engine, reference, { serveraddress: openReg.host })
      pushed.push(reference)
    }
    const privateRef = `${secured.host}/team/payments:0.9`
    await push(engine, privateRef, { serveraddress: secured.host, username: secured.user, password: secured.password })
    pushed.push(privateRef)
    await berth.services.domains.registries.add(openReg.host)
    await berth.services.domains.registries.login(secured.host, secured.user!, secured.password!)

    for (const locale of ['en-US', 'ko-KR'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { context, page } = await open({ locale, colorScheme })
        const lang = locale.slice(0, 2)
        await page.goto(`${berth.origin}/#/registries`)
        await page.getByRole('list').getByText(secured.host).waitFor()
        await shoot(page, `registries-${colorScheme}-${lang}.png`)
        await page.goto(`${berth.origin}/#/registries/${encodeURIComponent(openReg.host)}`)
        await page.getByRole('button', { name: 'shop/api' }).click()
        await page.getByRole('button', { name: '1.5.0', exact: true }).click()
        await page.getByText(/^sha256:[0-9a-f]{64}$/).waitFor()
        await shoot(page, `registry-browse-${colorScheme}-${lang}.png`)
        await context.close()
      }
    }

    const { context, page } = await open({ locale: 'en-US', colorScheme: 'light' })
    await berth.services.domains.registries.logout(secured.host)
    await page.goto(`${berth.origin}/#/registries`)
    await page.getByRole('button', { name: `Log in: ${secured.host}` }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('User name').fill(secured.user!)
    await dialog.getByLabel('Password or access token').fill('not-the-password')
    await dialog.getByRole('button', { name: 'Log in' }).click()
    await dialog.getByRole('alert').waitFor()
    await shoot(page, 'registry-login-error.png')
    await context.close()
  } finally {
    for (const reference of pushed)
      await engine
        .getImage(reference)
        .remove()
        .catch(() => undefined)
    for (const r of registries) await r.stop()
  }
}
