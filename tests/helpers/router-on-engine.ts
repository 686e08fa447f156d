import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type { ServicesHost } from '../../src-main/exports/host'
import type { Services } from '../../src-main/services'
import { Router } from '../../src-main/transport/router'
import { FakeRenderer, startServices, type TestRun } from './engine'

export interface RouterOnEngine {
  services: Services
  router: Router
  /** A renderer session whose subscriptions are dropped after each test. */
  renderer(): FakeRenderer
  /** Subscribes a renderer to a topic and returns the subscription id; a refusal throws. */
  subscribe(r: FakeRenderer, topic: string, params?: unknown): string
}

/**
 * Main's services and router on the real engine for one describe block: started before its
 * tests (on browser mode's host unless `host` is given), every renderer session closed after
 * each test (then `afterClose` runs), and the run's containers removed at the end with nothing
 * left behind.
 */
export function routerOnEngine(run: TestRun, options: { afterClose?: () => void; host?: ServicesHost } = {}): RouterOnEngine {
  const renderers: FakeRenderer[] = []
  let dispose: (() => void) | undefined
  const on = {
    renderer() {
      const r = new FakeRenderer()
      renderers.push(r)
      return r
    },
    subscribe(r: FakeRenderer, topic: string, params?: unknown) {
      const out = on.router.subscribe(r.session, topic, params, r.sink)
      if (!out.ok) throw new Error(`subscribe ${topic}: ${out.error.message}`)
      return out.value
    },
  } as RouterOnEngine

  beforeAll(async () => {
    const started = options.host ? await startServices(undefined, options.host) : await startServices()
    on.services = started.services
    on.router = new Router(started.services)
    dispose = started.dispose
  })

  afterEach(() => {
    for (const r of renderers.splice(0)) on.router.closeSession(r.session)
    options.afterClose?.()
  })

  afterAll(async () => {
    dispose?.()
    await run.cleanup()
    expect(await run.leftovers()).toEqual([])
  })

  return on
}
