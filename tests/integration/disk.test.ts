import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DiskUsage, PruneInventory, PruneReport } from '../../src-shared/contract'
import { planPrune } from '../../src-shared/prune-plan'
import type { Services } from '../../src-main/services'
import { Router, type Outcome } from '../../src-main/transport/router'
import { engine, requireEngine, startServices, TEST_LABEL, TestRun } from '../helpers/engine'

const { available } = await requireEngine()

describe.skipIf(!available)('disk usage and clean-up through the router, on the real engine', () => {
  const run = new TestRun()
  let services: Services
  let dispose: () => void
  let router: Router
  const volume = `berth-${run.id}-data`

  beforeAll(async () => {
    const started = await startServices()
    services = started.services
    dispose = started.dispose
    router = new Router(services)
  })

  afterAll(async () => {
    dispose?.()
    await run.cleanup()
    await engine
      .getVolume(volume)
      .remove()
      .catch(() => undefined)
    expect(await run.leftovers()).toEqual([])
  })

  async function ok<T>(channel: string, params?: unknown): Promise<T> {
    const out = (await router.invoke(channel, params)) as Outcome<T>
    if (!out.ok) throw new Error(`${channel} failed: ${out.error.code} ${out.error.message}`)
    return out.value
  }

  it('previews exactly this run’s stopped container and the volume it frees, prunes only them, and df sees them go', async () => {
    await engine.createVolume({ Name: volume, Labels: { [TEST_LABEL]: run.id } })
    const made = await engine.createContainer({
      name: run.name('writer'),
      Image: 'berth-test/busybox:latest',
      Cmd: ['sh', '-c', 'seq 1 50000 > /data/seq; seq 1 20000 > /grown'],
      Labels: { [TEST_LABEL]: run.id },
      HostConfig: { Binds: [`${volume}:/data`] },
    })
    await made.start()
    await made.wait()

    const before = await ok<DiskUsage>('system:df', {})
    expect(before.containers.total).toBeGreaterThanOrEqual(108_894)
    expect(before.containers.reclaimable).toBeGreaterThan(0)

    const inv = await ok<PruneInventory>('system:prune-inventory', { label: run.labelFilter })
    const plan = planPrune(inv, new Set(['containers', 'volumes']))
    const containers = plan.find((e) => e.category === 'containers')
    const volumes = plan.find((e) => e.category === 'volumes')
    expect(containers?.items.map((i) => i.id)).toEqual([made.id])
    // seq 1 20000 writes 108,894 bytes to the container's layer and seq 1 50000 288,894 to the volume.
    expect(containers?.bytes).toBeGreaterThanOrEqual(108_894)
    expect(volumes?.items.map((i) => i.name)).toEqual([volume])
    expect(volumes?.bytes).toBeGreaterThanOrEqual(288_894)
    // Alone, the volumes prune would remove nothing: the stopped container still uses it.
    expect(planPrune(inv, new Set(['volumes'])).find((e) => e.category === 'volumes')?.items).toEqual([])
    expect(plan.find((e) => e.category === 'build-cache')?.items).toEqual([])

    const report = await ok<PruneReport>('system:prune', { categories: ['volumes', 'containers', 'build-cache'], label: run.labelFilter })
    expect(report.results.map((r) => r.category)).toEqual(['containers', 'volumes', 'build-cache'])
    expect(report.results[0]).toMatchObject({ deleted: [made.id] })
    expect(report.results[1]).toMatchObject({ deleted: [volume] })
    expect(report.results[0]?.spaceReclaimed).toBeGreaterThanOrEqual(108_894)
    expect(report.results[1]?.spaceReclaimed).toBeGreaterThanOrEqual(288_894)
    expect(report.spaceReclaimed).toBe(report.results.reduce((n, r) => n + r.spaceReclaimed, 0))

    const after = await ok<PruneInventory>('system:prune-inventory', { label: run.labelFilter })
    expect(after.containers.filter((x) => x.matches)).toEqual([])
    expect(after.volumes).toEqual([])
    const df = await ok<DiskUsage>('system:df', {})
    expect(df.containers.largest.map((i) => i.id)).not.toContain(made.id)
    expect(df.volumes.largest.map((i) => i.id)).not.toContain(volume)
  })
})
