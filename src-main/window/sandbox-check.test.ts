import { describe, expect, it } from 'vitest'
import { sandboxProblem } from './sandbox-check'

describe('sandboxProblem', () => {
  it('refuses root on Linux, with or without --no-sandbox', () => {
    expect(sandboxProblem({ platform: 'linux', uid: 0, noSandboxSwitch: true })).toBe('root')
    expect(sandboxProblem({ platform: 'linux', uid: 0, noSandboxSwitch: false })).toBe('root')
  })

  it('refuses --no-sandbox for anyone, anywhere', () => {
    expect(sandboxProblem({ platform: 'linux', uid: 1000, noSandboxSwitch: true })).toBe('no-sandbox')
    expect(sandboxProblem({ platform: 'win32', uid: undefined, noSandboxSwitch: true })).toBe('no-sandbox')
  })

  it('lets a normal user start, and uid 0 outside Linux is no reason to refuse', () => {
    expect(sandboxProblem({ platform: 'linux', uid: 1000, noSandboxSwitch: false })).toBeNull()
    expect(sandboxProblem({ platform: 'darwin', uid: 0, noSandboxSwitch: false })).toBeNull()
    expect(sandboxProblem({ platform: 'win32', uid: undefined, noSandboxSwitch: false })).toBeNull()
  })
})
