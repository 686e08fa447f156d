import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import type { BuildMessage } from '../../../src-shared/contract/build'
import { main, resetMain } from '../../shared/testing/scripted-subscriptions'

// The build dialog's session against a scripted main: output gathered in order, the outcome,
// and that stopping or the owner going unsubscribes (which is what cancels the build in main).
vi.mock('../../api', async () => (await import('../../shared/testing/scripted-subscriptions')).scriptedApi)

const { useBuildSession } = await import('./build-session')

beforeEach(() => {
  main.topic = 'build:run'
  main.answer = () => ({ kind: 'unavailable' })
})
afterEach(resetMain)

const send = (m: BuildMessage) => [...main.open.values()].at(-1)?.onMessage(m)
const end = (e?: unknown) => [...main.open.values()].at(-1)?.onEnd(e)

function session() {
  const scope = effectScope()
  const s = scope.run(() => useBuildSession())!
  return { s, scope }
}

describe('useBuildSession', () => {
  it('gathers lines and the current step, and ends done with the image', async () => {
    const { s } = session()
    await s.start({ context: '/ctx', tags: ['app:1'] })
    expect(main.open.size).toBe(1)
    send({ kind: 'step', step: 1, total: 2, instruction: 'FROM busybox' })
    send({ kind: 'output', lines: [{ kind: 'stream', text: 'Step 1/2 : FROM busybox' }] })
    send({ kind: 'output', lines: [{ kind: 'stream', text: ' ---> abc' }] })
    send({ kind: 'done', imageId: 'sha256:abc', tags: ['app:1'] })
    end()
    expect(s.lines.value.map((l) => l.text)).toEqual(['Step 1/2 : FROM busybox', ' ---> abc'])
    expect(s.step.value).toEqual({ step: 1, total: 2, instruction: 'FROM busybox' })
    expect(s.state.value).toBe('done')
    expect(s.result.value).toEqual({ imageId: 'sha256:abc', tags: ['app:1'] })
  })

  it('ends failed with the error main sent', async () => {
    const { s } = session()
    await s.start({ context: '/ctx' })
    end({ code: 'INVALID_INPUT', message: 'The build failed at step 2/2', details: { reason: 'build_step_failed' } })
    expect(s.state.value).toBe('failed')
    expect(s.error.value).toMatchObject({ details: { reason: 'build_step_failed' } })
  })

  it('unsubscribes on stop and when its owner goes, and ignores late messages', async () => {
    const { s, scope } = session()
    await s.start({ context: '/ctx' })
    const late = [...main.open.values()][0]!
    s.stop()
    expect(main.open.size).toBe(0)
    expect(s.state.value).toBe('stopped')
    late.onMessage({ kind: 'output', lines: [{ kind: 'stream', text: 'late' }] })
    expect(s.lines.value).toEqual([])
    await s.start({ context: '/ctx' })
    expect(main.open.size).toBe(1)
    scope.stop()
    expect(main.open.size).toBe(0)
  })

  it('keeps the newest 5000 lines of a long build', async () => {
    const { s } = session()
    await s.start({ context: '/ctx' })
    send({ kind: 'output', lines: Array.from({ length: 5200 }, (_, i) => ({ kind: 'stream' as const, text: `line ${i}` })) })
    expect(s.lines.value).toHaveLength(5000)
    expect(s.lines.value[0]?.text).toBe('line 200')
  })
})
