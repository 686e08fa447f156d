// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import type { ConnectionStatus } from '../../src-shared/contract'
import { commonEn } from '../shared/i18n/en'
import ConnectionBanner from './ConnectionBanner.vue'

const i18n = createI18n({ legacy: false, locale: 'en', messages: { en: commonEn } })

const away = (over: Partial<ConnectionStatus>): ConnectionStatus => ({
  state: 'disconnected',
  endpoint: { id: 'socket:docker', name: 'Docker', url: 'unix:///var/run/docker.sock', source: 'socket', present: true },
  info: null,
  error: { code: 'ENGINE_UNREACHABLE', message: 'gone' },
  nextRetryAt: null,
  watchingSocket: false,
  trigger: 'choose',
  attempt: 1,
  ...over,
})

function render(status: ConnectionStatus, secondsToRetry: number | null, retrying = false) {
  return mount(ConnectionBanner, { props: { status, backendLost: false, secondsToRetry, retrying, reason: 'The engine is not running.' }, global: { plugins: [i18n] } })
}

describe('ConnectionBanner', () => {
  it('says Berth reconnects the moment the engine is back, with no countdown, while main watches the socket', () => {
    const text = render(away({ watchingSocket: true }), null).text()
    expect(text).toContain('Berth reconnects the moment the engine is back.')
    expect(text).not.toMatch(/Retrying in/)
    expect(text).toContain('Retry now')
  })

  it('counts down to a timed attempt (a socket there but refusing, a remote engine)', () => {
    const text = render(away({ nextRetryAt: Date.now() + 3000, watchingSocket: true }), 3).text()
    expect(text).toContain('Retrying in 3 s')
    expect(text).not.toContain('the moment the engine is back')
  })

  it('says it is retrying while "Retry now" runs', () => {
    expect(render(away({ watchingSocket: true }), null, true).text()).toContain('Retrying…')
  })

  it('shows nothing once the engine answers again', () => {
    expect(
      render(away({ state: 'connecting', trigger: 'socket' }), null)
        .find('[role=alert]')
        .exists(),
    ).toBe(false)
  })
})
