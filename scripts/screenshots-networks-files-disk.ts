// The Networks, container Files and Disk usage shots for scripts/screenshots.ts, on the demo set.
// Networks it creates carry berth.demo.shots=<pid> and are removed at the end; files it writes
// live in the demo container shop-db-1, which the main script removes.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { docker, ROOT, type ContextOptions, type openApp } from '../tests/e2e/harness'

const OUT_DIR = join(ROOT, 'docs/screenshots')
const LABEL = `berth.demo.shots=${process.pid}`

async function shoot(page: Page, file: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await page.mouse.move(0, 759)
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))))
  const path = join(OUT_DIR, file)
  await page.screenshot({ path })
  console.log(`wrote ${path}`)
}

type Open = (opts: ContextOptions) => ReturnType<typeof openApp>

/** networks.png (two demo networks, one with members, its inspect below). */
export async function captureNetworks(open: Open): Promise<void> {
  const nets = ['shop-backend', 'shop-frontend']
  try {
    await docker('network', 'create', '--label', LABEL, '--subnet', '172.28.0.0/16', '--gateway', '172.28.0.1', '--attachable', 'shop-backend')
    await docker('network', 'create', '--label', LABEL, '--internal', '--subnet', 'fd00:28::/64', '--ipv6', 'shop-frontend')
    await docker('network', 'connect', '--alias', 'db', 'shop-backend', 'shop-db-1')
    await docker('network', 'connect', '--alias', 'api', 'shop-backend', 'shop-api-1')
    const { context, page } = await open({ locale: 'en-US', colorScheme: 'light' })
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Networks', exact: true }).click()
    const row = page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: 'shop-backend', exact: true }) })
    await row.getByRole('link', { name: 'shop-db-1' }).waitFor()
    await shoot(page, 'networks.png')
    await context.close()
  } finally {
    // Only the networks this run made (by label); their members are disconnected first.
    for (const n of nets) {
      if ((await docker('network', 'ls', '-q', '--filter', `name=^${n}$`, '--filter', `label=${LABEL}`)) === '') continue
      for (const c of ['shop-db-1', 'shop-api-1']) await docker('network', 'disconnect', '-f', n, c).catch(() => undefined)
      await docker('network', 'rm', n)
    }
  }
}

/** container-files.png: shop-db-1's files at /var/lib/postgresql with its diff against the image. */
export async function captureFiles(open: Open): Promise<void> {
  await docker(
    'exec',
    'shop-db-1',
    'sh',
    '-c',
    'mkdir -p /var/lib/postgresql/data/base /var/log && seq 1 40000 > /var/lib/postgresql/data/base/16384 && echo "max_connections = 100" > /var/lib/postgresql/data/postgresql.conf && echo 15 > /var/lib/postgresql/data/PG_VERSION && seq 1 300 > /var/log/postgres.log',
  )
  const { context, page } = await open({ locale: 'en-US', colorScheme: 'light' })
  const id = await docker('inspect', '--format', '{{.Id}}', 'shop-db-1')
  await page.goto(`${page.url().split('#')[0]}#/containers/${id}?tab=files&path=/var/lib/postgresql/data`)
  const files = page.getByRole('tabpanel', { name: 'Files' })
  await files.getByRole('row').filter({ hasText: 'postgresql.conf' }).waitFor()
  await page
    .getByRole('region', { name: 'Changes against the image' })
    .getByRole('radio', { name: /^Added/ })
    .click()
  await page.getByText('/var/log/postgres.log').waitFor()
  await shoot(page, 'container-files.png')
  await context.close()
}

/** disk-usage.png: the four categories and the clean-up preview, one category opened. */
export async function captureDisk(open: Open): Promise<void> {
  const { context, page } = await open({ locale: 'en-US', colorScheme: 'light' })
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Disk usage', exact: true }).click()
  await page.getByRole('region', { name: 'Images' }).waitFor()
  await page.getByRole('button', { name: 'Preview clean-up' }).click()
  const cleanup = page.getByRole('region', { name: 'Clean up' })
  await cleanup.getByText(/^Would free about/).waitFor()
  const stopped = cleanup.getByRole('listitem').filter({ hasText: 'Stopped containers' }).first()
  if ((await stopped.getByText('Show what').count()) > 0) await stopped.getByText('Show what').click()
  await shoot(page, 'disk-usage.png')
  await context.close()
}
