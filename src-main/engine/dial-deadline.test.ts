import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { inRequestScope } from '../streams/request-scope'
import { deadlineFor, DEFAULT_DEADLINES, guardDials } from './dial-deadline'

// A real dockerode client against a unix socket that accepts every connection and never
// answers: a stalled engine. The guard must end each call made for a request, and close its socket.
const dir = mkdtempSync(join(tmpdir(), 'berth-stalled-'))
const path = join(dir, 'engine.sock')
const open = new Set<Socket>()
let server: Server

beforeAll(async () => {
  server = createServer((s) => {
    // Read (and drop) what comes, so a client closing its end is seen.
    s.resume()
    open.add(s)
    s.on('close', () => open.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(path, resolve))
})
afterAll(async () => {
  for (const s of open) s.destroy()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  rmSync(dir, { recursive: true, force: true })
})

const client = (readMs: number) => guardDials(new Docker({ socketPath: path }), () => ({ readMs, writeMs: readMs }))

describe('guardDials', () => {
  it('fails a call made for a request with engine_not_answering past its deadline, and closes its socket', async () => {
    const docker = client(50)
    const answer = inRequestScope(undefined, () => docker.listContainers())
    await expect(answer).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE', details: { reason: 'engine_not_answering', seconds: 0 } })
    await vi.waitFor(() => expect(open.size).toBe(0))
  })

  it('aborts a call when its request is cancelled, answering CANCELLED and closing the socket', async () => {
    const docker = client(60_000)
    const controller = new AbortController()
    const answer = inRequestScope(controller.signal, () => docker.getContainer('web').inspect())
    await vi.waitFor(() => expect(open.size).toBe(1))
    controller.abort()
    await expect(answer).rejects.toMatchObject({ code: 'CANCELLED' })
    await vi.waitFor(() => expect(open.size).toBe(0))
  })

  it('leaves a call made for no request alone: it waits as long as the engine does', async () => {
    const docker = client(1)
    let settled = false
    const call = docker.listContainers().finally(() => (settled = true))
    call.catch(() => undefined)
    await vi.waitFor(() => expect(open.size).toBe(1))
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(settled).toBe(false)
    for (const s of open) s.destroy()
    await expect(call).rejects.toThrow()
  })
})

describe('deadlineFor', () => {
  it('gives reads the read deadline, changes the write deadline, and explicit long operations none', () => {
    expect(deadlineFor({ method: 'GET', path: '/v1.41/containers/json?' }, DEFAULT_DEADLINES)).toBe(DEFAULT_DEADLINES.readMs)
    expect(deadlineFor({ method: 'POST', path: '/containers/abc/stop?' }, DEFAULT_DEADLINES)).toBe(DEFAULT_DEADLINES.writeMs)
    for (const [method, p] of [
      ['GET', '/v1.41/system/df?'],
      ['POST', '/images/prune?'],
      ['POST', '/containers/abc/wait?'],
      ['POST', '/images/create?fromImage=busybox'],
      ['POST', '/images/registry.local/team/app/push?'],
      ['POST', '/build?'],
    ] as const) {
      expect(deadlineFor({ method, path: p }, DEFAULT_DEADLINES), p).toBeNull()
    }
  })
})
