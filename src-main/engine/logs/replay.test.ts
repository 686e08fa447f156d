import { describe, expect, it } from 'vitest'
import type { LogLine, LogMessage } from '../../../src-shared/contract/logs'
import { ReplayLog } from './replay'

const line = (n: number): LogLine => ({ time: `t${n}`, ms: n, stream: 'stdout', text: String(n) })
const batch = (from: number, n: number): LogMessage => ({ kind: 'lines', lines: Array.from({ length: n }, (_, i) => line(from + i)) })
const texts = (ms: LogMessage[]) => ms.map((m) => (m.kind === 'lines' ? m.lines.map((l) => l.text).join(',') : m.kind))

describe('ReplayLog', () => {
  it('gives a late subscriber the last lines sent, merged, with lifecycle messages in place', () => {
    const r = new ReplayLog(5)
    r.add(batch(1, 3))
    r.add(batch(4, 3))
    r.add({ kind: 'lifecycle', event: 'stopped', time: 'x' })
    r.add(batch(7, 1))
    expect(texts(r.snapshot())).toEqual(['3,4,5,6', 'lifecycle', '7'])
  })

  it('keeps nothing beyond the cap however much is sent', () => {
    const r = new ReplayLog(10)
    for (let i = 0; i < 1000; i++) r.add(batch(i * 4, 4))
    const snap = r.snapshot()
    expect(texts(snap)).toEqual([Array.from({ length: 10 }, (_, i) => 3990 + i).join(',')])
  })

  it('keeps nothing with a cap of zero lines', () => {
    const r = new ReplayLog(0)
    r.add(batch(1, 3))
    expect(r.snapshot()).toEqual([])
  })
})
