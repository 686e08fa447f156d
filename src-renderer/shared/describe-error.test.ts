import { describe, expect, it } from 'vitest'
import { describeError } from './describe-error'

const messages: Record<string, string> = {
  'errors.reasons.container_running': '컨테이너가 실행 중입니다.',
  'errors.codes.INTERNAL': '내부 오류.',
}
const t = (key: string) => messages[key] ?? key
const has = (key: string) => key in messages

describe('describeError', () => {
  const running = { code: 'CONFLICT' as const, message: 'Container web is running. Stop it first.', details: { reason: 'container_running' } }

  it("keeps main's specific English sentence in English", () => {
    expect(describeError(running, 'en', t, has)).toBe('Container web is running. Stop it first.')
  })

  it('uses the translated reason in other languages', () => {
    expect(describeError(running, 'ko', t, has)).toBe('컨테이너가 실행 중입니다.')
  })

  it('falls back to the code and the original sentence when the reason is unknown', () => {
    expect(describeError({ code: 'INTERNAL', message: 'disk full' }, 'ko', t, has)).toBe('내부 오류. disk full')
  })

  it('describes a thrown non-Berth error as INTERNAL', () => {
    expect(describeError(new Error('boom'), 'en', t, has)).toBe('boom')
  })
})
