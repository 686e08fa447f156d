import { describe, expect, it } from 'vitest'
import { currentRequestScope, inRequestScope } from './request-scope'

describe('inRequestScope', () => {
  it('answers CANCELLED as soon as the signal aborts, without waiting for the handler', async () => {
    const controller = new AbortController()
    let seen: AbortSignal | null = null
    const answer = inRequestScope(controller.signal, () => {
      seen = currentRequestScope()?.signal ?? null
      return new Promise(() => undefined)
    })
    controller.abort()
    await expect(answer).rejects.toMatchObject({ code: 'CANCELLED', details: { reason: 'cancelled' } })
    expect(seen).toBe(controller.signal)
    expect(controller.signal.aborted).toBe(true)
  })

  it('answers CANCELLED without running the handler when the request was cancelled before it started', async () => {
    const controller = new AbortController()
    controller.abort()
    let ran = false
    await expect(inRequestScope(controller.signal, () => (ran = true))).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(ran).toBe(false)
  })

  it('passes the handler’s own answer and failure through', async () => {
    await expect(inRequestScope(undefined, async () => 42)).resolves.toBe(42)
    await expect(inRequestScope(undefined, async () => Promise.reject(new Error('no')))).rejects.toThrow('no')
  })

  it('gives work the request left behind (a timer) no scope once the request has its answer', async () => {
    let later: Promise<unknown> | null = null
    await inRequestScope(new AbortController().signal, () => {
      later = new Promise((resolve) => setTimeout(() => resolve(currentRequestScope()), 1))
    })
    expect(await later).toBeNull()
  })
})
