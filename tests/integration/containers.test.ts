import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ContainerInspect, ContainerRow } from '../../src-shared/contract'
import type { Services } from '../../src-main/services'
import { Router, type Outcome } from '../../src-main/transport/router'
import { requireEngine, startServices, TEST_IMAGE, TEST_LABEL, TestRun } from '../helpers/engine'

const { available } = await requireEngine()

describe.skipIf(!available)('containers through the router, on the real engine', () => {
  const run = new TestRun()
  let services: Services
  let disposeServices: () => void
  let router: Router

  beforeAll(async () => {
    const started = await startServices()
    services = started.services
    disposeServices = started.dispose
    router = new Router(services)
    expect(services.connection.getStatus().state).toBe('connected')
  })

  afterAll(async () => {
    disposeServices?.()
    await run.cleanup()
    expect(await run.leftovers()).toEqual([])
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

  it('lists a created container with its row: name, image, state, labels and compose project', async () => {
    const c = await run.container('listed', { cmd: ['sleep', '5'], labels: { 'com.docker.compose.project': 'berth-it', 'com.docker.compose.service': 'web' } })
    const rows = await ok<ContainerRow[]>('containers:list')
    const row = rows.find((r) => r.id === c.id)
    expect(row).toMatchObject({
      id: c.id,
      name: c.name,
      image: TEST_IMAGE,
      command: expect.stringContaining('sleep 5'),
      state: 'created',
      status: 'Created',
      health: null,
      composeProject: 'berth-it',
      composeService: 'web',
    })
    expect(row!.labels).toMatchObject({ [TEST_LABEL]: run.id, 'com.docker.compose.service': 'web' })
    expect(row!.created).toBeGreaterThan(0)
  })

  it('shows a published port once, with the host port the engine picked', async () => {
    const c = await run.container('ports', { ports: [8080], start: true })
    const row = (await ok<ContainerRow[]>('containers:list')).find((r) => r.id === c.id)!
    const published = (await services.connection.client().getContainer(c.id).inspect()).NetworkSettings.Ports['8080/tcp'] ?? []
    expect(published.length).toBeGreaterThan(0)
    expect(row.ports).toEqual([{ ip: expect.any(String), privatePort: 8080, publicPort: Number(published[0]!.HostPort), type: 'tcp' }])
  })

  it('starts, stops, restarts, pauses, unpauses, kills and removes a container', async () => {
    const { id } = await run.container('lifecycle')
    await ok('containers:start', { id })
    expect(await run.stateOf(id)).toMatchObject({ Running: true, Paused: false })

    await ok('containers:stop', { id, timeoutSeconds: 5 })
    expect(await run.stateOf(id)).toMatchObject({ Running: false, Status: 'exited' })

    await ok('containers:restart', { id })
    expect(await run.stateOf(id)).toMatchObject({ Running: true })

    await ok('containers:pause', { id })
    expect(await run.stateOf(id)).toMatchObject({ Paused: true, Status: 'paused' })
    expect((await ok<ContainerRow[]>('containers:list')).find((r) => r.id === id)?.state).toBe('paused')

    await ok('containers:unpause', { id })
    expect(await run.stateOf(id)).toMatchObject({ Paused: false, Running: true })

    await ok('containers:kill', { id, signal: 'SIGKILL' })
    expect(await run.stateOf(id)).toMatchObject({ Running: false, ExitCode: 137 })

    await ok('containers:remove', { id })
    expect(await run.stateOf(id)).toBeNull()
  })

  it('addresses a container by name as well as by id', async () => {
    const { id, name } = await run.container('by-name')
    await ok('containers:start', { id: name })
    expect(await run.stateOf(id)).toMatchObject({ Running: true })
    const inspected = await ok<ContainerInspect>('containers:inspect', { id: name })
    expect(inspected.Id).toBe(id)
  })

  it('starting an already started container is not an error', async () => {
    const { id } = await run.container('started-twice', { start: true })
    expect(await router.invoke('containers:start', { id })).toEqual({ ok: true, value: null })
    expect(await run.stateOf(id)).toMatchObject({ Running: true })
  })

  it('stopping an already stopped container is not an error', async () => {
    const { id } = await run.container('stopped-twice')
    expect(await router.invoke('containers:stop', { id })).toEqual({ ok: true, value: null })
  })

  it('an unknown id is NOT_FOUND with a message naming it', async () => {
    const missing = `${run.id}-no-such-container`
    for (const channel of ['containers:inspect', 'containers:start', 'containers:remove']) {
      const error = await refused(channel, { id: missing })
      expect(error.code).toBe('NOT_FOUND')
      expect(error.message).toBe(`Container “${missing}” does not exist on this engine; it may have been removed.`)
      expect(error.details).toMatchObject({ ref: missing, reason: 'not_found' })
    }
  })

  it('removing a running container without force is a CONFLICT, and the container stays', async () => {
    const { id, name } = await run.container('running-remove', { start: true })
    const error = await refused('containers:remove', { id: name })
    expect(error.code).toBe('CONFLICT')
    expect(error.details?.reason).toBe('container_running')
    expect(error.message).toBe(`Container “${name}” is running. Stop it first, or remove it with “force”.`)
    expect(await run.stateOf(id)).toMatchObject({ Running: true })

    await ok('containers:remove', { id, force: true })
    expect(await run.stateOf(id)).toBeNull()
  })

  it('removing a paused container without force is a CONFLICT that says it is paused', async () => {
    const { id, name } = await run.container('paused-remove', { start: true })
    await ok('containers:pause', { id })
    const error = await refused('containers:remove', { id: name })
    expect(error).toMatchObject({ code: 'CONFLICT', message: `Container “${name}” is paused. Unpause it first.` })
  })

  it('unpausing a container that is not paused is a CONFLICT, not an engine failure', async () => {
    const { name } = await run.container('not-paused', { start: true })
    const error = await refused('containers:unpause', { id: name })
    expect(error).toMatchObject({ code: 'CONFLICT', message: `Container “${name}” is not paused.` })
  })

  it('killing a container that is not running is a CONFLICT', async () => {
    const { name } = await run.container('not-running')
    const error = await refused('containers:kill', { id: name })
    expect(error).toMatchObject({ code: 'CONFLICT', message: `Container “${name}” is not running.` })
  })

  it('a malformed id never reaches the engine', async () => {
    const error = await refused('containers:remove', { id: '../../containers/json', force: true })
    expect(error.code).toBe('INVALID_INPUT')
  })
})
