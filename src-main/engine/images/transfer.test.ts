import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { BerthErrorShape } from '../../../src-shared/contract/errors'
import type { TransferMessage } from '../../../src-shared/contract/transfer'
import { parseImageReference } from '../../../src-shared/image-reference'
import type { EngineAuth } from '../../registry/auth-source'
import { openEngineStreams } from '../../streams/gauge'
import type { EngineConnection } from '../connection'
import { TransferTable, transferSource } from './transfer'

/** A connection whose engine answers a pull with a stream the test writes. */
function fakeEngine() {
  const stream = new PassThrough()
  const calls: { auth: unknown; opts: Record<string, unknown> }[] = []
  const docker = {
    createImage: (auth: unknown, opts: Record<string, unknown>) => {
      calls.push({ auth, opts })
      ;(opts.abortSignal as AbortSignal).addEventListener('abort', () => stream.destroy())
      return Promise.resolve(stream)
    },
    getImage: () => ({ inspect: () => Promise.resolve({ Id: 'sha256:new' }) }),
  }
  const conn = { client: () => docker, lost: () => undefined } as unknown as EngineConnection
  return { stream, calls, conn }
}

function start(conn: EngineConnection, auth: EngineAuth | null = null) {
  const table = new TransferTable()
  const ref = parseImageReference('127.0.0.1:5000/team/app:1')
  if (!ref.ok) throw new Error('bad fixture')
  const source = transferSource({ conn, auth: { authFor: () => Promise.resolve(auth) }, table }, { kind: 'pull', reference: ref.value }, 'id-0123456789abcdef')
  const messages: TransferMessage[] = []
  let ended: { error?: BerthErrorShape } | null = null
  const close = source.open(
    (m) => messages.push(m),
    (error) => (ended = { error }),
  )
  return { source, table, messages, close, ended: () => ended }
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  expect(check()).toBe(true)
}

const line = (o: object) => `${JSON.stringify(o)}\r\n`

describe('transferSource (pull)', () => {
  it('folds a burst of engine lines into a few snapshots, then done with the image id', async () => {
    const { stream, conn, calls } = fakeEngine()
    const t = start(conn, { serveraddress: '127.0.0.1:5000', username: 'u', password: 'p' })
    await until(() => calls.length === 1)
    expect(calls[0]).toMatchObject({ auth: { serveraddress: '127.0.0.1:5000' }, opts: { fromImage: '127.0.0.1:5000/team/app', tag: '1' } })
    let text = line({ status: 'Pulling fs layer', id: 'aaa', progressDetail: {} })
    for (let i = 1; i <= 1000; i++) text += line({ status: 'Downloading', id: 'aaa', progressDetail: { current: i * 1000, total: 1_000_000 } })
    text += line({ status: 'Pull complete', id: 'aaa', progressDetail: {} }) + line({ status: 'Status: Downloaded newer image for 127.0.0.1:5000/team/app:1' })
    stream.write(text)
    stream.end()
    await until(() => t.ended() !== null)
    expect(t.ended()).toEqual({ error: undefined })
    const progress = t.messages.filter((m) => m.kind === 'progress')
    // 1002 lines in one burst: one snapshot at the end, not one per line.
    expect(progress.length).toBeLessThanOrEqual(2)
    expect(t.messages[t.messages.length - 1]).toMatchObject({ kind: 'done', imageId: 'sha256:new', reference: '127.0.0.1:5000/team/app:1', upToDate: false })
    expect(openEngineStreams('pull')).toBe(0)
  })

  it('ends with the error written inside the 200 stream, never done', async () => {
    const { stream, conn, calls } = fakeEngine()
    const t = start(conn)
    await until(() => calls.length === 1)
    expect(calls[0]?.auth).toBeUndefined()
    stream.write(line({ status: 'Pulling fs layer', id: 'aaa', progressDetail: {} }) + line({ errorDetail: { message: 'unknown blob' }, error: 'unknown blob' }))
    await until(() => t.ended() !== null)
    expect(t.ended()?.error).toMatchObject({ code: 'INTERNAL', details: { reason: 'image_transfer_failed', engineMessage: 'unknown blob' } })
    expect(t.messages.some((m) => m.kind === 'done')).toBe(false)
    expect(openEngineStreams('pull')).toBe(0)
  })

  it('aborts the engine request when closed, and cancel says what was left', async () => {
    const { stream, conn, calls } = fakeEngine()
    const t = start(conn)
    await until(() => calls.length === 1)
    stream.write(line({ status: 'Already exists', id: 'aaa', progressDetail: {} }) + line({ status: 'Downloading', id: 'bbb', progressDetail: { current: 10, total: 100 } }))
    await until(() => openEngineStreams('pull') === 1)
    await new Promise((r) => setTimeout(r, 20))
    const left = t.table.cancel('id-0123456789abcdef')
    expect(left).toEqual({ reference: '127.0.0.1:5000/team/app:1', layersDone: 1, layersLeft: 1, bytes: 10 })
    expect((calls[0]?.opts.abortSignal as AbortSignal).aborted).toBe(true)
    expect(stream.destroyed).toBe(true)
    expect(t.ended()?.error).toMatchObject({ code: 'CANCELLED', details: { reason: 'image_transfer_cancelled' } })
    expect(openEngineStreams('pull')).toBe(0)
    expect(() => t.table.cancel('id-0123456789abcdef')).toThrow(/already ended/)
  })

  it('aborts when the last subscriber goes (the disposer)', async () => {
    const { conn, calls } = fakeEngine()
    const t = start(conn)
    await until(() => openEngineStreams('pull') === 1)
    t.close()
    expect((calls[0]?.opts.abortSignal as AbortSignal).aborted).toBe(true)
    expect(openEngineStreams('pull')).toBe(0)
    expect(t.ended()).toBeNull()
  })
})
