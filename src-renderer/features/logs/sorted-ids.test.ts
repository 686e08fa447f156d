import { describe, expect, it } from 'vitest'
import { indexOfSorted } from './sorted-ids'

describe('indexOfSorted', () => {
  it('finds present ids and answers -1 for absent ones, including past either end', () => {
    const ids = [3, 5, 8, 13, 21]
    expect(ids.map((id) => indexOfSorted(ids, id))).toEqual([0, 1, 2, 3, 4])
    expect([1, 4, 9, 22].map((id) => indexOfSorted(ids, id))).toEqual([-1, -1, -1, -1])
    expect(indexOfSorted([], 1)).toBe(-1)
  })
})
