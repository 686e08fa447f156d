import { describe, expect, it } from 'vitest'
import { matchesLabel, planImagePrune, type PlanImage } from './prune-plan'

const img = (id: string, over: Partial<PlanImage> = {}): PlanImage => ({ id, parentId: '', tags: [], digests: [], labels: {}, unique: 100, ...over })

describe('planImagePrune', () => {
  const images = [
    img('base', { tags: ['busybox:latest'] }),
    img('mid', { parentId: 'base', unique: 0 }),
    img('old', { parentId: 'mid', labels: { team: 'a' } }),
    img('app', { tags: ['app:1'], parentId: 'base' }),
    img('used', { tags: ['db:1'] }),
    img('digest-only', { digests: ['alpine@sha256:x'] }),
  ]
  const used = new Set(['used'])

  it('dangling: untagged images without children, with their untagged parents, never a used one', () => {
    const plan = planImagePrune(images, used, 'dangling')
    expect(plan.map((p) => [p.id, p.parentOf])).toEqual([
      ['old', null],
      ['digest-only', null],
      ['mid', 'old'],
    ])
  })

  it('unused: every image no container uses, tagged or not, except untagged intermediates', () => {
    const ids = planImagePrune(images, used, 'unused').map((p) => p.id)
    expect(ids.sort()).toEqual(['app', 'base', 'digest-only', 'mid', 'old'].sort())
    expect(ids).not.toContain('used')
  })

  it('keeps a parent that a remaining child still needs', () => {
    const withSibling = [...images, img('sibling', { parentId: 'mid', tags: ['keep:1'] })]
    expect(planImagePrune(withSibling, used, 'dangling').map((p) => p.id)).toEqual(['old', 'digest-only'])
  })

  it('applies a label filter to the images it considers', () => {
    expect(planImagePrune(images, used, 'dangling', 'team=a').map((p) => p.id)).toEqual(['old', 'mid'])
    expect(planImagePrune(images, used, 'dangling', 'team=b')).toEqual([])
  })
})

describe('matchesLabel', () => {
  it('takes key or key=value', () => {
    expect(matchesLabel({ a: '1' }, 'a')).toBe(true)
    expect(matchesLabel({ a: '1' }, 'a=1')).toBe(true)
    expect(matchesLabel({ a: '1' }, 'a=2')).toBe(false)
    expect(matchesLabel({}, undefined)).toBe(true)
  })
})
