// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { StatsOverview } from '../../../src-shared/contract'
import { commonEn } from '../../shared/i18n/en'
import { row } from '../../shared/testing/container-row'

// The Overview against a scripted `stats:overview`: what it ranks, links and says when nothing runs.
const main = vi.hoisted(() => ({ send: null as null | ((o: unknown) => void), open: 0 }))

vi.mock('../../api', () => ({
  api: () => ({
    subscribe: async (_topic: string, _params: unknown, onMessage: (m: unknown) => void) => {
      main.send = onMessage
      main.open++
      return () => main.open--
    },
    invoke: async () => [],
  }),
}))

const { useContainersStore } = await import('../containers')
const { default: OverviewView } = await import('./OverviewView.vue')

const GiB = 1024 ** 3
// The Overview's messages are among the shared ones.
const i18n = createI18n({ legacy: false, locale: 'en', messages: { en: commonEn } })

async function render(overview: StatsOverview) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const store = useContainersStore()
  store.rows = new Map([row({ id: 'aaa', name: 'web' }), row({ id: 'bbb', name: 'db' }), row({ id: 'ccc', name: 'cache' })].map((r) => [r.id, r]))
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'containers', component: { template: '<p />' } },
      { path: '/c/:id', name: 'container', component: { template: '<p />' } },
    ],
  })
  const wrapper = mount(OverviewView, { global: { plugins: [pinia, router, i18n] } })
  await flushPromises()
  main.send?.(overview)
  await flushPromises()
  return wrapper
}

afterEach(() => {
  main.send = null
})

describe('OverviewView', () => {
  it('ranks running containers by CPU and by memory, by name, linking to their Stats tab', async () => {
    const w = await render({
      containers: [
        { id: 'aaa', cpuPercent: 12, memoryBytes: 100 * 1024 ** 2, memoryLimitBytes: null },
        { id: 'bbb', cpuPercent: 48, memoryBytes: 20 * 1024 ** 2, memoryLimitBytes: null },
        { id: 'ccc', cpuPercent: null, memoryBytes: 5 * 1024 ** 2, memoryLimitBytes: null },
      ],
      totals: { cpuPercent: 60, memoryBytes: 125 * 1024 ** 2 },
      host: { cpus: 2, memoryBytes: 8 * GiB },
    })
    const cpu = w.get('ol[aria-label="Top by CPU"]')
    expect(cpu.findAll('a').map((a) => a.text())).toEqual(['db', 'web'])
    expect(cpu.findAll('a')[0]?.attributes('href')).toBe('/c/bbb?tab=stats')
    expect(
      w
        .get('ol[aria-label="Top by memory"]')
        .findAll('a')
        .map((a) => a.text()),
    ).toEqual(['web', 'db', 'cache'])
    const meter = w.get('[role=meter][aria-label=CPU]')
    expect(meter.attributes('aria-valuetext')).toBe('60% of 200%')
    expect(w.get('[role=meter][aria-label=Memory]').attributes('aria-valuetext')).toBe('125 MiB of 8 GiB')
    expect(w.text()).toContain('3 running containers')
    w.unmount()
    expect(main.open).toBe(0)
  })

  it('says nothing runs, and offers the Containers list, instead of empty rankings', async () => {
    const w = await render({ containers: [], totals: { cpuPercent: 0, memoryBytes: 0 }, host: { cpus: 4, memoryBytes: 16 * GiB } })
    expect(w.get('[role=status]').text()).toContain('No container is running')
    expect(w.find('ol').exists()).toBe(false)
    expect(w.get('[role=status] a').text()).toBe('Go to Containers')
    expect(w.get('[role=meter][aria-label=CPU]').attributes('aria-valuetext')).toBe('0% of 400%')
    w.unmount()
  })
})
