import { describe, expect, it } from 'vitest'
import { listState, type ListFacts } from './list-state'

const listed: ListFacts = { offline: false, waiting: false, loaded: true, failed: false, empty: false, noMatch: false }

describe('listState', () => {
  it('says the engine is gone before anything else, even over rows listed earlier', () => {
    expect(listState({ ...listed, offline: true, failed: true })).toBe('offline')
  })

  it('shows a failed list, else loading, until the first list arrives', () => {
    expect(listState({ ...listed, loaded: false, failed: true })).toBe('error')
    expect(listState({ ...listed, loaded: false })).toBe('loading')
  })

  it('says nothing before the first list while it waits for the engine', () => {
    expect(listState({ ...listed, loaded: false, failed: true, waiting: true })).toBeNull()
  })

  it('tells an engine with none apart from a search that matches none, and shows the table otherwise', () => {
    expect(listState({ ...listed, empty: true, noMatch: true })).toBe('empty')
    expect(listState({ ...listed, noMatch: true })).toBe('no-match')
    expect(listState(listed)).toBeNull()
  })
})
