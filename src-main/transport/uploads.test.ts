import { EventEmitter } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { BerthError } from '../../src-shared/contract/errors'
import type { UploadOffer } from '../exports/uploads'
import { receiveUpload, UPLOAD_TTL_MS, Uploads } from './uploads'

const offer = (over: Partial<UploadOffer> = {}): UploadOffer => ({ name: 'a.txt', size: 3, receive: async (body) => ({ bytes: (await body.toArray()).length }), ...over })

function fakeRes() {
  const out = { status: 0, body: '' }
  const res = Object.assign(new EventEmitter(), {
    writeHead: (s: number) => ((out.status = s), res),
    end: (b: string) => (out.body = b),
  })
  return { res: res as unknown as ServerResponse, out }
}
const request = (bytes: string, length?: number) => Object.assign(Readable.from([Buffer.from(bytes)]), { headers: { 'content-length': String(length ?? bytes.length) } }) as unknown as IncomingMessage

describe('Uploads', () => {
  it('hands out a link that works once', () => {
    const u = new Uploads()
    const url = u.offer(offer())
    const id = url.slice('/uploads/'.length)
    expect(u.take(id)?.name).toBe('a.txt')
    expect(u.take(id)).toBeNull()
  })
  it('forgets links after their time', () => {
    let now = 0
    const u = new Uploads(() => now)
    const id = u.offer(offer()).slice('/uploads/'.length)
    now = UPLOAD_TTL_MS
    expect(u.take(id)).toBeNull()
  })
})

describe('receiveUpload', () => {
  it('refuses a body whose length differs from the announced size, without calling receive', async () => {
    let called = false
    const { res, out } = fakeRes()
    await receiveUpload(offer({ receive: async () => ((called = true), {}) }), request('abcd'), res, {})
    expect(out.status).toBe(400)
    expect(JSON.parse(out.body)).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'upload_size_mismatch' } })
    expect(called).toBe(false)
  })
  it('answers the receiver’s result, or its error with a matching status', async () => {
    const ok = fakeRes()
    await receiveUpload(offer(), request('abc'), ok.res, {})
    expect(ok.out.status).toBe(200)
    const conflict = fakeRes()
    await receiveUpload(offer({ receive: () => Promise.reject(new BerthError('CONFLICT', 'exists', { reason: 'files_exists' })) }), request('abc'), conflict.res, {})
    expect(conflict.out.status).toBe(409)
    expect(JSON.parse(conflict.out.body)).toMatchObject({ code: 'CONFLICT', details: { reason: 'files_exists' } })
  })
})
