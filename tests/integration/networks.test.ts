import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NetworkRemoveOutcome, NetworkRow } from '../../src-shared/contract'
import type { Services } from '../../src-main/services'
import { Router, type Outcome } from '../../src-main/transport/router'
import { engine, requireEngine, startServices, TEST_LABEL, TestRun } from '../helpers/engine'

const { available } = await requireEngine()

describe.skipIf(!available)('networks through the router, on the real engine', () => {
  const run = new TestRun()
  let services: Services
  let dispose: () => void
  let router: Router

  beforeAll(async () => {
    const started = await startServices()
    services = started.services
    dispose = started.dispose
    router = new Router(services)
  })

  afterAll(async () => {
    dispose?.()
    await run.cleanup()
    // Only this run's networks, by label.
    for (const n of await engine.listNetworks({ filters: { label: [run.labelFilter] } })) await engine.getNetwork(n.Id).remove()
    expect(await engine.listNetworks({ filters: { label: [run.labelFilter] } })).toEqual([])
  })

  async function ok<T>(channel: string, params?: unknown): Promise<T> {
    const out = (await router.invoke(channel, params)) as Outcome<T>
    if (!out.ok) throw new Error(`${channel} failed: ${out.error.code} ${out.error.message}`)
    return out.value
  }
  async function refused(channel: string, params?: unknown) {
    const out = await router.invoke(channel, params)
    expect(out.ok, `${channel} should have failed`).toBe(false)
    return (out as { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } }).error
  }
  const labels = () => ({ [TEST_LABEL]: run.id })
  const rowOf = async (name: string) => (await ok<NetworkRow[]>('networks:list')).find((n) => n.name === name)

  it('creates a bridge network with a subnet and gateway, and lists it with its IPAM and labels', async () => {
    const name = run.name('net')
    await ok('networks:create', { name, subnet: '10.251.7.0/24', gateway: '10.251.7.1', attachable: true, labels: labels() })
    const row = await rowOf(name)
    expect(row).toMatchObject({ driver: 'bridge', scope: 'local', attachable: true, internal: false, builtin: false, subnets: [{ subnet: '10.251.7.0/24', gateway: '10.251.7.1' }] })
    expect(row?.labels[TEST_LABEL]).toBe(run.id)
  })

  it('refuses a gateway outside its subnet before it reaches the engine', async () => {
    const error = await refused('networks:create', { name: run.name('bad'), subnet: '10.251.8.0/24', gateway: '10.251.9.1', labels: labels() })
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toContain('gateway_outside')
  })

  it('a taken name is a CONFLICT network_name_taken', async () => {
    const name = run.name('dup')
    await ok('networks:create', { name, labels: labels() })
    const error = await refused('networks:create', { name, labels: labels() })
    expect(error).toMatchObject({ code: 'CONFLICT', details: { reason: 'network_name_taken' } })
  })

  it('connects a container with an alias, lists it as attached, then disconnects it', async () => {
    const name = run.name('attach')
    const { id: netId } = await ok<{ id: string }>('networks:create', { name, labels: labels() })
    const c = await run.container('member', { start: true })
    await ok('networks:connect', { network: name, container: c.name, aliases: ['db-alias'] })
    const inspect = await engine.getContainer(c.id).inspect()
    expect(inspect.NetworkSettings.Networks[name]?.Aliases).toContain('db-alias')
    expect((await rowOf(name))?.containers).toEqual([expect.objectContaining({ id: c.id, name: c.name, running: true })])
    const again = await refused('networks:connect', { network: netId, container: c.id })
    expect(again).toMatchObject({ code: 'CONFLICT', details: { reason: 'network_already_connected' } })

    await ok('networks:disconnect', { network: name, container: c.name })
    expect((await rowOf(name))?.containers).toEqual([])
    const notThere = await refused('networks:disconnect', { network: name, container: c.name })
    expect(notThere).toMatchObject({ code: 'CONFLICT', details: { reason: 'network_not_connected' } })
  })

  it('removing a network a running container uses is a CONFLICT network_in_use naming the container', async () => {
    const name = run.name('busy')
    await ok('networks:create', { name, labels: labels() })
    const c = await run.container('user', { start: true })
    await ok('networks:connect', { network: name, container: c.id })
    const [outcome] = await ok<NetworkRemoveOutcome[]>('networks:remove', { ids: [name] })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'network_in_use', containers: c.name } } })
    expect(await rowOf(name)).toBeDefined()
  })

  it('built-in networks are protected, and the others in the same removal still go', async () => {
    const name = run.name('gone')
    const { id } = await ok<{ id: string }>('networks:create', { name, labels: labels() })
    const outcomes = await ok<NetworkRemoveOutcome[]>('networks:remove', { ids: ['bridge', 'host', 'none', name] })
    expect(outcomes.slice(0, 3).map((o) => o.error?.details?.reason)).toEqual(['network_builtin', 'network_builtin', 'network_builtin'])
    expect(outcomes[3]).toEqual({ id, ok: true })
    expect(await rowOf(name)).toBeUndefined()
    expect(await rowOf('bridge')).toBeDefined()
  })

  it('the prune preview lists an unused test network and not one with a running container', async () => {
    const idle = run.name('idle')
    const used = run.name('used')
    await ok('networks:create', { name: idle, labels: labels() })
    await ok('networks:create', { name: used, labels: labels() })
    const c = await run.container('runner', { start: true })
    await ok('networks:connect', { network: used, container: c.id })
    const preview = (await ok<NetworkRow[]>('networks:prune-preview')).map((n) => n.name)
    expect(preview).toContain(idle)
    expect(preview).not.toContain(used)
    expect(preview).not.toContain('bridge')
    // Pruned through the service with this run's label only: nobody else's networks go.
    const { deleted } = await services.domains.networks.prune(run.labelFilter)
    expect(deleted).toContain(idle)
    expect(deleted).not.toContain(used)
  })
})
