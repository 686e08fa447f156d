import { describe, expect, it } from 'vitest'
import { ariaSort, cursorTarget, toggledSort } from './table-keys'

describe('cursorTarget', () => {
  it('moves by one, by a page and to either end, never past the rows there are', () => {
    expect(cursorTarget('ArrowDown', 3, 10, 5)).toBe(4)
    expect(cursorTarget('ArrowUp', 3, 10, 5)).toBe(2)
    expect(cursorTarget('PageDown', 3, 10, 5)).toBe(8)
    expect(cursorTarget('PageDown', 8, 10, 5)).toBe(9)
    expect(cursorTarget('PageUp', 3, 10, 5)).toBe(0)
    expect(cursorTarget('ArrowUp', 0, 10, 5)).toBe(0)
    expect(cursorTarget('ArrowDown', 9, 10, 5)).toBe(9)
    expect(cursorTarget('Home', 7, 10, 5)).toBe(0)
    expect(cursorTarget('End', 2, 10, 5)).toBe(9)
  })

  it('keeps the cursor where it is on an empty table', () => {
    expect(cursorTarget('End', 0, 0, 5)).toBe(0)
    expect(cursorTarget('ArrowDown', 0, 0, 5)).toBe(0)
  })

  it('answers null for keys that are not navigation', () => {
    for (const key of ['Enter', ' ', 'Delete', 'ArrowRight', 'a']) expect(cursorTarget(key, 1, 10, 5)).toBeNull()
  })
})

describe('ariaSort', () => {
  it('names the direction on the sorted column, none on other sortable ones, nothing on unsortable ones', () => {
    expect(ariaSort('name', 'name', 'asc')).toBe('ascending')
    expect(ariaSort('name', 'name', 'desc')).toBe('descending')
    expect(ariaSort('size', 'name', 'asc')).toBe('none')
    expect(ariaSort(undefined, 'name', 'asc')).toBeUndefined()
  })
})

describe('toggledSort', () => {
  it('flips the direction of the sorted column and sorts another column ascending, keeping the rest of the query', () => {
    const q = { search: 'web', sortKey: 'name', sortDir: 'asc' as 'asc' | 'desc' }
    expect(toggledSort(q, 'name')).toEqual({ search: 'web', sortKey: 'name', sortDir: 'desc' })
    expect(toggledSort({ ...q, sortDir: 'desc' }, 'name')).toEqual({ search: 'web', sortKey: 'name', sortDir: 'asc' })
    expect(toggledSort({ ...q, sortDir: 'desc' }, 'size')).toEqual({ search: 'web', sortKey: 'size', sortDir: 'asc' })
  })
})
