import { onScopeDispose, ref, shallowRef } from 'vue'
import type { BerthErrorShape, ExecEndReason, ExecMessage, TopicParamsOf } from '../../../src-shared/contract'
import { toErrorShape } from '../../../src-shared/contract/errors'
import { api } from '../../api'

export type TerminalParams = TopicParamsOf<'exec:session'>
export type TerminalState = 'connecting' | 'open' | 'ended' | 'failed'

/** Pasted text goes to main in pieces the contract accepts (64 KiB per exec:input). */
const INPUT_PIECE = 16 * 1024

/**
 * One terminal session (one `exec` subscription), not a Pinia store: each terminal tab owns
 * one. Output goes to `write`; keystrokes typed before main answered wait and go in order.
 * Unsubscribes when the owning component's scope ends; `reconnect` opens a fresh session.
 */
export function useTerminalSession(write: (data: string) => void) {
  const state = ref<TerminalState>('connecting')
  const error = shallowRef<BerthErrorShape | null>(null)
  const ended = shallowRef<{ reason: ExecEndReason; exitCode: number | null } | null>(null)
  const command = shallowRef<string[]>([])

  let sessionId: string | null = null
  let unsubscribe: (() => void) | null = null
  let generation = 0
  let waiting: string[] = []
  // Input is sent one request at a time, so keystrokes reach the TTY in the order typed.
  let sending: Promise<void> = Promise.resolve()

  function onMessage(gen: number, m: ExecMessage): void {
    if (gen !== generation) return
    if (m.kind === 'started') {
      sessionId = m.sessionId
      command.value = m.command
      state.value = 'open'
      const queued = waiting.join('')
      waiting = []
      if (queued) input(queued)
    } else if (m.kind === 'output') {
      write(m.data)
    } else {
      ended.value = { reason: m.reason, exitCode: m.exitCode }
      state.value = 'ended'
      sessionId = null
    }
  }

  function onEnd(gen: number, err?: BerthErrorShape): void {
    if (gen !== generation) return
    sessionId = null
    unsubscribe = null
    if (err) {
      error.value = err
      state.value = 'failed'
    } else if (state.value !== 'ended') {
      // Ended without a reason: main went away (browser mode lost its socket).
      ended.value = { reason: 'engine-lost', exitCode: null }
      state.value = 'ended'
    }
  }

  async function open(params: TerminalParams): Promise<void> {
    close()
    const gen = ++generation
    state.value = 'connecting'
    error.value = null
    ended.value = null
    waiting = []
    try {
      const off = await api().subscribe(
        'exec:session',
        params,
        (m) => onMessage(gen, m),
        (e) => onEnd(gen, e),
      )
      if (gen !== generation) off()
      else unsubscribe = off
    } catch (err) {
      if (gen !== generation) return
      error.value = toErrorShape(err)
      state.value = 'failed'
    }
  }

  function input(data: string): void {
    if (state.value === 'connecting') {
      waiting.push(data)
      return
    }
    const id = sessionId
    if (!id || state.value !== 'open') return
    for (let i = 0; i < data.length;) {
      let cut = Math.min(data.length, i + INPUT_PIECE)
      // Never between the halves of a surrogate pair (an emoji would arrive as two broken halves).
      if (cut < data.length && /[\uD800-\uDBFF]/.test(data[cut - 1]!)) cut--
      const piece = data.slice(i, cut)
      i = cut
      sending = sending.then(() => api().invoke('exec:input', { sessionId: id, data: piece })).catch(() => undefined)
    }
  }

  function resize(cols: number, rows: number): void {
    const id = sessionId
    if (!id || state.value !== 'open') return
    void api()
      .invoke('exec:resize', { sessionId: id, cols, rows })
      .catch(() => undefined)
  }

  /** Ends the session: main closes the exec (or detaches from an attach). */
  function close(): void {
    generation++
    sessionId = null
    const off = unsubscribe
    unsubscribe = null
    off?.()
  }

  onScopeDispose(close)

  return { state, error, ended, command, open, input, resize, close }
}
