import { describe, expect, it } from 'vitest'
import type { ExportFile } from '../exports/target'
import { DOWNLOAD_PATH, DOWNLOAD_TTL_MS, Downloads } from './downloads'

const file: ExportFile = { suggestedName: 'web.log', writeTo: () => Promise.resolve(0) }

describe('Downloads', () => {
  it('hands out an unguessable link that works once', async () => {
    const d = new Downloads()
    const a = await d.deliver(file)
    const b = await d.deliver(file)
    expect(a.kind).toBe('download')
    const urlA = (a as { url: string }).url
    expect(urlA).toMatch(new RegExp(`^${DOWNLOAD_PATH}[\\w-]{32}$`))
    expect(urlA).not.toBe((b as { url: string }).url)
    const id = urlA.slice(DOWNLOAD_PATH.length)
    expect(d.take(id)).toBe(file)
    expect(d.take(id)).toBeNull()
    expect(d.take('guess')).toBeNull()
  })

  it('lets a link expire, and forgets expired links without a timer', async () => {
    let now = 1000
    const d = new Downloads(() => now)
    const url = ((await d.deliver(file)) as { url: string }).url
    now += DOWNLOAD_TTL_MS
    expect(d.take(url.slice(DOWNLOAD_PATH.length))).toBeNull()
    await d.deliver(file)
    now += DOWNLOAD_TTL_MS
    await d.deliver(file)
    expect(d.pending).toBe(1)
  })
})
