import { describe, expect, it } from 'vitest'
import { useSelection } from './use-selection'

describe('useSelection', () => {
  it('toggles one key in and out, with a new set each time', () => {
    const { selected, toggle } = useSelection()
    const before = selected.value
    toggle('a')
    expect([...selected.value]).toEqual(['a'])
    expect(selected.value).not.toBe(before)
    toggle('b')
    toggle('a')
    expect([...selected.value]).toEqual(['b'])
  })

  it('selects or unselects many keys without touching the others', () => {
    const { selected, toggle, setMany } = useSelection()
    toggle('hidden')
    setMany(['a', 'b'], true)
    expect([...selected.value].sort()).toEqual(['a', 'b', 'hidden'])
    setMany(['a', 'b'], false)
    expect([...selected.value]).toEqual(['hidden'])
  })
})
