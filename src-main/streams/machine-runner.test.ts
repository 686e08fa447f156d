import { describe, expect, it } from 'vitest'
import { MachineRunner, type Machine } from './machine-runner'

/** Echoes each input as two effects, `<input>:1` and `<input>:2`, and counts its transitions. */
function echo(): Machine<string, string> & { inputs: string[] } {
  const inputs: string[] = []
  return {
    inputs,
    transition: (input) => {
      inputs.push(input)
      return [`${input}:1`, `${input}:2`]
    },
  }
}

describe('MachineRunner', () => {
  it('performs every effect of an input in order', () => {
    const done: string[] = []
    const runner = new MachineRunner(echo(), (e) => done.push(e))
    runner.dispatch('a')
    runner.dispatch('b')
    expect(done).toEqual(['a:1', 'a:2', 'b:1', 'b:2'])
  })

  it('lets an input that arrives during an effect wait until the effects before it are done', () => {
    const done: string[] = []
    const machine = echo()
    const runner: MachineRunner<string, string> = new MachineRunner(machine, (e) => {
      done.push(e)
      if (e === 'a:1') runner.dispatch('b')
    })
    runner.dispatch('a')
    expect(done).toEqual(['a:1', 'a:2', 'b:1', 'b:2'])
    expect(machine.inputs).toEqual(['a', 'b'])
  })

  it('performs nothing once halted, not even the rest of the effects under way or inputs waiting', () => {
    const done: string[] = []
    const machine = echo()
    const runner: MachineRunner<string, string> = new MachineRunner(machine, (e) => {
      done.push(e)
      if (e === 'a:1') {
        runner.dispatch('b')
        runner.halt()
      }
    })
    runner.dispatch('a')
    runner.dispatch('c')
    expect(done).toEqual(['a:1'])
    expect(machine.inputs).toEqual(['a'])
    expect(runner.halted).toBe(true)
  })
})
