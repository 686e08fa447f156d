// The Volumes shots for scripts/screenshots.ts: a few demo volumes (named, anonymous, in use and
// not), the list, and one volume's file browser. Volumes and the containers using them carry
// berth.demo.shots=volumes-<pid> and are removed at the end.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { docker, ROOT, TEST_IMAGE, type ContextOptions, type openApp } from '../tests/e2e/harness'

const OUT_DIR = join(ROOT, 'docs/screenshots')
const LABEL = `berth.demo.shots=volumes-${process.pid}`

async function shoot(page: Page, file: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await page.mouse.move(0, 759)
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))))
  const path = join(OUT_DIR, file)
  await page.screenshot({ path })
  console.log(`wrote ${path}`)
}

type Open = (opts: ContextOptions) => ReturnType<typeof openApp>

const PGDATA = [
  'busybox mkdir -p /v/base/16384 /v/pg_wal /v/log',
  'busybox head -c 8388608 /dev/urandom > /v/base/16384/2619',
  'busybox head -c 16777216 /dev/urandom > /v/pg_wal/000000010000000000000001',
  'echo 15 > /v/PG_VERSION',
  "printf \"listen_addresses = '*'\\nmax_connections = 100\\nshared_buffers = 128MB\\nlog_destination = 'stderr'\\n\" > /v/postgresql.conf",
  'seq 1 200 | while read i; do echo "2026-11-23 21:0$((i % 10)):00 UTC [1] LOG:  checkpoint complete: wrote $i buffers"; done > /v/log/postgresql.log',
  'busybox ln -s postgresql.conf /v/postgresql.auto.conf',
].join(' && ')

/** volumes.png (the list) and volume-files.png (shop-pgdata's files). */
export async function captureVolumes(open: Open): Promise<void> {
  const volumes = ['shop-pgdata', 'shop-uploads', 'npm-cache']
  const containers: string[] = []
  let anonymous = ''
  try {
    for (const v of volumes) await docker('volume', 'create', '--label', LABEL, v)
    anonymous = await docker('volume', 'create', '--label', LABEL)
    const fill = async (volume: string, cmd: string) => docker('run', '--rm', '--label', LABEL, '-v', `${volume}:/v`, TEST_IMAGE, 'sh', '-c', cmd)
    await fill('shop-pgdata', PGDATA)
    await fill('shop-uploads', 'busybox mkdir -p /v/2026/11 && busybox head -c 3145728 /dev/urandom > /v/2026/11/invoice-1042.pdf')
    await fill('npm-cache', 'busybox head -c 52428800 /dev/urandom > /v/_cacache.bin')
    await fill(anonymous, 'busybox head -c 1048576 /dev/urandom > /v/scratch')
    containers.push(await docker('run', '-d', '--label', LABEL, '--name', 'shop-postgres-1', '-v', 'shop-pgdata:/var/lib/postgresql/data', TEST_IMAGE, 'sleep', '100000'))
    containers.push(await docker('create', '--label', LABEL, '--name', 'shop-backup-1', '-v', 'shop-pgdata:/backup/pg:ro', '-v', 'shop-uploads:/backup/uploads:ro', TEST_IMAGE, 'true'))
    containers.push(await docker('run', '-d', '--label', LABEL, '--name', 'shop-web-1', '-v', 'shop-uploads:/srv/uploads', TEST_IMAGE, 'sleep', '100000'))

    const { context, page } = await open({ locale: 'en-US', colorScheme: 'light' })
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Volumes', exact: true }).click()
    await page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'shop-postgres-1' }) })
      .waitFor()
    await page.getByRole('link', { name: 'npm-cache', exact: true }).waitFor()
    await shoot(page, 'volumes.png')

    await page.goto(`${page.url().split('#')[0]}#/volumes/shop-pgdata`)
    await page.getByRole('region', { name: 'Files' }).getByRole('button', { name: 'postgresql.conf', exact: true }).waitFor()
    await shoot(page, 'volume-files.png')
    await page.getByRole('region', { name: 'Files' }).getByRole('button', { name: 'postgresql.conf', exact: true }).click()
    await page.getByRole('dialog', { name: '/postgresql.conf' }).locator('pre').waitFor()
    await shoot(page, 'volume-file-view.png')
    await context.close()
  } finally {
    if (containers.length > 0) await docker('rm', '-f', ...containers).catch(() => undefined)
    for (const v of [...volumes, anonymous].filter(Boolean)) await docker('volume', 'rm', '-f', v).catch(() => undefined)
  }
}
