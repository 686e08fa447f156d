import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import { BerthError } from '../../../src-shared/contract/errors'
import { smallestImage, staleHelpers, STALE_HELPER_SECONDS, withHelper } from './helper'

/** A stand-in for dockerode that records what the helper asked the engine for. */
function fakeDocker(images: { Id: string; Size?: number }[]) {
  const calls: string[] = []
  let created: Record<string, unknown> | null = null
  const container = {
    id: 'c'.repeat(64),
    remove: (opts: unknown) => {
      calls.push(`remove ${JSON.stringify(opts)}`)
      return Promise.resolve()
    },
  }
  const docker = {
    listImages: () => Promise.resolve(images),
    listContainers: () => Promise.resolve([]),
    createContainer: (spec: Record<string, unknown>) => {
      created = spec
      calls.push('create')
      return Promise.resolve(container)
    },
  } as unknown as Docker
  return { docker, calls, spec: () => created }
}

describe('volume helper container', () => {
  it('finds only never-started helpers older than the limit as leftovers', () => {
    const now = 1_000_000
    const old = now - STALE_HELPER_SECONDS - 1
    const helper = { 'berth.helper': 'volume-browse' }
    expect(
      staleHelpers(
        [
          { Id: 'left', Created: old, State: 'created', Labels: helper },
          { Id: 'fresh', Created: now - 60, State: 'created', Labels: helper },
          { Id: 'started', Created: old, State: 'exited', Labels: helper },
          { Id: 'someone-else', Created: old, State: 'created', Labels: { 'berth.helper': 'other' } },
          { Id: 'unlabelled', Created: old, State: 'created' },
        ],
        now,
      ),
    ).toEqual(['left'])
  })

  it('picks the smallest image present', () => {
    expect(
      smallestImage([
        { Id: 'big', Size: 900 },
        { Id: 'small', Size: 2 },
        { Id: 'mid', Size: 50 },
      ]),
    ).toBe('small')
    expect(smallestImage([])).toBeNull()
  })

  it('says volume_no_image when the engine has no image at all, and creates nothing', async () => {
    const f = fakeDocker([])
    const err = await withHelper(f.docker, [{ volume: 'v1', target: '/berth-volume', readOnly: true }], () => Promise.resolve(1)).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BerthError)
    expect((err as BerthError).details?.reason).toBe('volume_no_image')
    expect(f.calls).toEqual([])
  })

  it('creates a labelled, networkless container that never starts, mounting the volume read-only', async () => {
    const f = fakeDocker([{ Id: 'img', Size: 1 }])
    expect(await withHelper(f.docker, [{ volume: 'v1', target: '/berth-volume', readOnly: true }], () => Promise.resolve('ok'))).toBe('ok')
    expect(f.spec()).toMatchObject({
      Image: 'img',
      Entrypoint: ['/berth-never-started'],
      NetworkDisabled: true,
      Labels: { 'berth.helper': 'volume-browse', 'berth.volume': 'v1' },
      HostConfig: { NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: 'v1', Target: '/berth-volume', ReadOnly: true }] },
    })
    expect(f.calls).toEqual(['create', 'remove {"force":true,"v":true}'])
  })

  it('removes the container when the work fails, and the work’s error is what the caller sees', async () => {
    const f = fakeDocker([{ Id: 'img', Size: 1 }])
    await expect(withHelper(f.docker, [{ volume: 'v1', target: '/berth-volume', readOnly: false }], () => Promise.reject(new Error('archive failed')))).rejects.toThrow('archive failed')
    expect(f.calls).toEqual(['create', 'remove {"force":true,"v":true}'])
  })
})
