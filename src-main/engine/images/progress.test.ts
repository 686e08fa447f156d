import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NdjsonSplitter } from '../ndjson'
import { TransferProgress, type ProgressLine } from './progress'

// Streams recorded from dockerd 20.10 pulling from and pushing to a local docker-registry.
function recorded(name: string): ProgressLine[] {
  return new NdjsonSplitter<ProgressLine>().push(`${readFileSync(join(__dirname, 'fixtures', `${name}.recorded.ndjson`), 'utf8')}\n`)
}

function replay(lines: ProgressLine[], onEach?: (p: TransferProgress, i: number) => void): TransferProgress {
  const p = new TransferProgress()
  lines.forEach((line, i) => {
    p.push(line, i * 100)
    onEach?.(p, i)
  })
  return p
}

describe('TransferProgress on a recorded pull', () => {
  const lines = recorded('pull-multi')

  it('ends with every layer done, the shared one marked as already there', () => {
    const p = replay(lines)
    const layers = p.layerList()
    expect(layers.map((l) => l.phase)).toEqual(['done', 'done', 'done'])
    expect(layers[0]).toMatchObject({ id: 'b90ea72f8094', skipped: 'exists' })
    expect(p.error).toBeNull()
    expect(p.upToDate).toBe(false)
    expect(p.digest).toBe('sha256:6285aaaa10f55543eb9f7d9c6cda11c501f5cf0b754234e5dcad5537d5070cff')
  })

  it('counts downloaded bytes up to the sum of the layer sizes, without the layer that existed', () => {
    const p = replay(lines)
    p.finish()
    const a = p.aggregate(lines.length * 100)
    expect(a).toMatchObject({ bytes: 3001119 + 2000811, totalBytes: 3001119 + 2000811, fraction: 1, layersDone: 3, layers: 3 })
  })

  it('passes through waiting, downloading, verifying and extracting, and never goes backwards', () => {
    const seen = new Set<string>()
    let last = 0
    replay(lines, (p, i) => {
      for (const l of p.layerList()) seen.add(l.phase)
      const f = p.aggregate(i * 100).fraction
      expect(f).toBeGreaterThanOrEqual(last)
      last = f
    })
    expect([...seen].sort()).toEqual(['done', 'downloading', 'extracting', 'verifying', 'waiting'])
  })

  it('shows a layer being extracted with the bytes of its extraction', () => {
    const cut = lines.findIndex((l) => l.status === 'Extracting' && l.progressDetail?.current === 2588672)
    const p = replay(lines.slice(0, cut + 1))
    expect(p.layerList().find((l) => l.id === 'e4da18bdf811')).toMatchObject({ phase: 'extracting', current: 2588672, total: 3001119 })
  })

  it('says a pull that found everything in place is up to date', () => {
    const p = replay(recorded('pull-multi-again'))
    expect(p.upToDate).toBe(true)
    expect(p.layerList()).toEqual([])
  })
})

describe('TransferProgress on errors inside the 200 stream', () => {
  it('keeps the engine error of a pull whose blob is missing, with the layers where they stopped', () => {
    const p = replay(recorded('pull-blob-missing'))
    expect(p.error).toBe('unknown blob')
    expect(p.layerList().filter((l) => l.phase !== 'done').length).toBe(2)
  })

  it('keeps the error of a push without credentials and of a push of a tag that does not exist', () => {
    expect(replay(recorded('push-unauthorized')).error).toBe('no basic auth credentials')
    expect(replay(recorded('push-missing-tag')).error).toMatch(/^tag does not exist/)
  })
})

describe('TransferProgress on a recorded push', () => {
  it('uploads a layer to done and reads the pushed digest from aux', () => {
    const p = replay(recorded('push-busybox-first'))
    expect(p.layerList()).toEqual([{ id: '1408da68e28e', phase: 'done', current: 1982953, total: 1982953, skipped: null }])
    expect(p.digest).toBe('sha256:28bc327429eb452bfd80cd6e1743192f8ebd05591fc734486fb357532fecd282')
    expect(p.aggregate(10_000).fraction).toBe(1)
  })

  it('does not count a layer that was already there as progress', () => {
    const p = new TransferProgress()
    p.push({ status: 'Already exists', id: 'old', progressDetail: {} }, 0)
    p.push({ status: 'Pulling fs layer', id: 'new', progressDetail: {} }, 0)
    expect(p.aggregate(0)).toMatchObject({ fraction: 0, layersDone: 1, layers: 2 })
    p.push({ status: 'Downloading', id: 'new', progressDetail: { current: 50, total: 100 } }, 10)
    expect(p.aggregate(10).fraction).toBeCloseTo(0.4)
  })

  it('is full once finished, even when every layer was already there', () => {
    const p = new TransferProgress()
    p.push({ status: 'Layer already exists', id: 'a', progressDetail: {} }, 0)
    expect(p.aggregate(0).fraction).toBe(0)
    p.finish()
    expect(p.aggregate(0).fraction).toBe(1)
  })

  it('marks layers the registry mounted or already had as skipped', () => {
    const p = replay(recorded('push-multi-first'))
    expect(p.layerList().every((l) => l.phase === 'done')).toBe(true)
    expect(p.error).toBeNull()
  })
})

describe('TransferProgress speed', () => {
  it('measures bytes per second over the recent window and drops to 0 when nothing moves', () => {
    const p = new TransferProgress()
    p.push({ status: 'Downloading', id: 'a', progressDetail: { current: 0, total: 10_000_000 } }, 0)
    p.push({ status: 'Downloading', id: 'a', progressDetail: { current: 1_000_000, total: 10_000_000 } }, 1000)
    p.push({ status: 'Downloading', id: 'a', progressDetail: { current: 2_000_000, total: 10_000_000 } }, 2000)
    expect(p.aggregate(2000).bytesPerSecond).toBe(1_000_000)
    expect(p.aggregate(9000).bytesPerSecond).toBe(0)
  })
})

describe('TransferProgress bar', () => {
  it('weighs each layer by its size: a big layer half downloaded outweighs a small one finished', () => {
    const p = new TransferProgress()
    p.push({ status: 'Downloading', id: 'big', progressDetail: { current: 50_000_000, total: 100_000_000 } }, 0)
    p.push({ status: 'Downloading', id: 'small', progressDetail: { current: 0, total: 1_000_000 } }, 0)
    p.push({ status: 'Pull complete', id: 'small' }, 0)
    // big: half of its download (0.4 of the way); small: done. By bytes (100×0.4 + 1×1) / 101.
    expect(p.aggregate(0).fraction).toBeCloseTo((100 * 0.4 + 1) / 101, 5)
  })

  it('counts a layer not sized yet as an average one, and never moves back when it gets its size', () => {
    const p = new TransferProgress()
    p.push({ status: 'Downloading', id: 'a', progressDetail: { current: 10_000_000, total: 10_000_000 } }, 0)
    p.push({ status: 'Waiting', id: 'b' }, 0)
    // a: 0.8 of the way, b: 0 with the same weight as a.
    expect(p.aggregate(0).fraction).toBeCloseTo(0.4, 5)
    p.push({ status: 'Downloading', id: 'b', progressDetail: { current: 0, total: 90_000_000 } }, 0)
    // By bytes now 8/100 = 0.08, but the bar stays where it was.
    expect(p.aggregate(0).fraction).toBeCloseTo(0.4, 5)
    p.push({ status: 'Downloading', id: 'b', progressDetail: { current: 60_000_000, total: 90_000_000 } }, 0)
    expect(p.aggregate(0).fraction).toBeCloseTo((10 * 0.8 + 90 * 0.8 * (60 / 90)) / 100, 5)
  })
})
