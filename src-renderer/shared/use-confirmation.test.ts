import { describe, expect, it } from 'vitest'
import { useConfirmation } from './use-confirmation'

describe('useConfirmation', () => {
  it('runs the action on what it asked about once confirmed, and closes first', () => {
    const ran: Array<[string[], boolean]> = []
    let open = (): boolean => true
    const removal = useConfirmation((rows: string[]): void => void ran.push([rows, open()]))
    open = () => removal.open
    removal.ask(['a', 'b'])
    expect(removal.open).toBe(true)
    expect(removal.subject).toEqual(['a', 'b'])
    removal.confirm()
    expect(ran).toEqual([[['a', 'b'], false]])
    expect(removal.subject).toBeNull()
  })

  it('runs nothing when cancelled, nor when confirmed with nothing asked', () => {
    let runs = 0
    const removal = useConfirmation(() => runs++)
    removal.ask('x')
    removal.cancel()
    expect(removal.open).toBe(false)
    removal.confirm()
    expect(runs).toBe(0)
  })
})
