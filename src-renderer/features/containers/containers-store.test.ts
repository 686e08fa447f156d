import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { ConnectionStatus, ContainerRow, EventBatch } from '../../../src-shared/contract'
import { row } from '../../shared/testing/container-row'

// The store's own logic (list, buffer, patch, clear) against a scripted main; the engine
// itself is exercised by the integration and end-to-end suites.
const main = vi.hoisted(() => ({
  list: [] as ContainerRow[],
  listCalls: 0,
  listGate: null as Promise<void> | null,
  subscribeGate: null as Promise<void> | null,
  onStatus: null as ((s: ConnectionStatus) => void) | null,
  onBatch: null as ((b: EventBatch) => void) | null,
}))

vi.mock('../../api', () => ({
  api: () => ({
    onLost: () => undefined,
    invoke: async (channel: string) => {
      if (channel === 'containers:list') {
        main.listCalls++
        await main.listGate
        return main.list
      }
      if (channel === 'engine:endpoints') return { endpoints: [], activeId: null }
      throw new Error(`unexpected ${channel}`)
    },
    subscribe: async (topic: string, _params: unknown, onMessage: (m: unknown) => void) => {
      if (topic === 'engine:state') main.onStatus = onMessage as (s: ConnectionStatus) => void
      if (topic === 'events:stream') {
        await main.subscribeGate
        main.onBatch = onMessage as (b: EventBatch) => void
      }
      return () => undefined
    },
  }),
}))

const { useContainersStore } = await import('./containers-store')
const { useEngineStore } = await import('../../shared/stores/engine')

const status = (state: ConnectionStatus['state']): ConnectionStatus => ({
  state,
  endpoint: { id: 'e', name: 'Docker', url: 'unix:///var/run/docker.sock', source: 'socket', present: true },
  info: null,
  error: state === 'disconnected' ? { code: 'ENGINE_UNREACHABLE', message: 'gone' } : null,
  nextRetryAt: null,
  attempt: 0,
})

const settle = async () => {
  for (let i = 0; i < 5; i++) await nextTick()
}

describe('containers store at start-up', () => {
  it('lists before the first engine status arrives, and not again when it says connected', async () => {
    setActivePinia(createPinia())
    main.list = [row({ id: 'a', name: 'web' })]
    main.listCalls = 0
    await useEngineStore().start()
    await useContainersStore().start()
    expect(main.listCalls).toBe(1)
    main.onStatus?.(status('connected'))
    await settle()
    expect(main.listCalls).toBe(1)
    expect([...useContainersStore().rows.keys()]).toEqual(['a'])
  })

  it('reads the list only after main accepted the events subscription, so no change falls between them', async () => {
    setActivePinia(createPinia())
    main.list = [row({ id: 'a', name: 'web' })]
    main.listCalls = 0
    let accept!: () => void
    main.subscribeGate = new Promise<void>((r) => (accept = r))
    await useEngineStore().start()
    const started = useContainersStore().start()
    main.onStatus?.(status('connected'))
    await settle()
    expect(main.listCalls).toBe(0)
    accept()
    await started
    main.subscribeGate = null
    expect(main.listCalls).toBe(1)
    expect([...useContainersStore().rows.keys()]).toEqual(['a'])
  })
})

describe('containers store', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    main.list = [row({ id: 'a', name: 'web' })]
    main.listGate = null
    await useEngineStore().start()
    main.onStatus?.(status('connected'))
    await useContainersStore().start()
    await settle()
  })

  it('lists once connected and then follows event patches', async () => {
    const store = useContainersStore()
    expect([...store.rows.keys()]).toEqual(['a'])
    main.onBatch?.({
      events: [],
      containers: [
        { id: 'a', row: row({ id: 'a', name: 'web', state: 'exited' }) },
        { id: 'b', row: row({ id: 'b' }) },
      ],
    })
    expect(store.rows.get('a')?.state).toBe('exited')
    expect(store.items.map((i) => i.key)).toEqual(['b', 'a'])
  })

  it('applies batches that arrive during a re-list on top of the new list', async () => {
    const store = useContainersStore()
    let open!: () => void
    main.listGate = new Promise<void>((r) => (open = r))
    main.list = [row({ id: 'a', name: 'web' }), row({ id: 'old', name: 'old' }), row({ id: 'x', name: 'listed' })]
    main.onStatus?.(status('disconnected'))
    main.onStatus?.(status('connected'))
    await settle()
    main.onBatch?.({
      events: [],
      containers: [
        { id: 'old', row: null },
        { id: 'new', row: row({ id: 'new' }) },
      ],
    })
    open()
    await settle()
    expect([...store.rows.keys()].sort()).toEqual(['a', 'new', 'x'])
  })

  it('shows nothing stale once the engine is gone', async () => {
    const store = useContainersStore()
    main.onStatus?.(status('disconnected'))
    await settle()
    expect(store.rows.size).toBe(0)
    expect(store.loaded).toBe(false)
  })

  it('re-lists after a reconnect and shows containers created meanwhile', async () => {
    const store = useContainersStore()
    main.onStatus?.(status('disconnected'))
    main.list = [row({ id: 'a', name: 'web' }), row({ id: 'c', name: 'made-while-away' })]
    main.onStatus?.(status('connecting'))
    main.onStatus?.(status('connected'))
    await settle()
    expect([...store.rows.values()].map((r) => r.name).sort()).toEqual(['made-while-away', 'web'])
  })
})
