import { describe, expect, it } from 'vitest'
import { signalMarkedScript, terminateExec, type TerminateDeps } from './terminate'

/** A fake exec that stops after the given step (or never), recording what was done to it. */
function fakeExec(stopsAfter: 'eof' | 'HUP' | 'KILL' | 'never', opts: { hasShell?: boolean } = {}) {
  const log: string[] = []
  let running = true
  const deps: TerminateDeps = {
    write: (data) => {
      log.push(`write ${JSON.stringify(data)}`)
    },
    close: () => {
      log.push('close')
      if (stopsAfter === 'eof') running = false
    },
    isRunning: () => Promise.resolve(running),
    signalMarked: (signal) => {
      log.push(`signal ${signal}`)
      if (opts.hasShell === false) return Promise.resolve(false)
      if (stopsAfter === signal) running = false
      return Promise.resolve(true)
    },
    sleep: () => Promise.resolve(),
  }
  return { deps, log }
}

describe('terminateExec', () => {
  it('interrupts the foreground program, then sends EOF to the shell, then closes stdin', async () => {
    const { deps, log } = fakeExec('eof')
    expect(await terminateExec(deps)).toBe('ended')
    expect(log).toEqual(['write "\\u0003"', 'write "\\u0004"', 'close'])
  })

  it('hangs up the session’s processes when interrupt and EOF do not end it', async () => {
    const { deps, log } = fakeExec('HUP')
    expect(await terminateExec(deps)).toBe('ended-after-hup')
    expect(log.slice(3)).toEqual(['signal HUP'])
  })

  it('kills them when they ignore the hang-up', async () => {
    const { deps, log } = fakeExec('KILL')
    expect(await terminateExec(deps)).toBe('ended-after-kill')
    expect(log.slice(3)).toEqual(['signal HUP', 'signal KILL'])
  })

  it('says so when nothing could end it (no shell in the container to send signals)', async () => {
    const { deps } = fakeExec('never', { hasShell: false })
    expect(await terminateExec(deps)).toBe('still-running')
  })
})

describe('signalMarkedScript', () => {
  it('matches the marker in each process’s environment and signals that process', () => {
    const s = signalMarkedScript('abc123', 'HUP')
    expect(s).toContain('*BERTH_TERMINAL=abc123*')
    expect(s).toContain('kill -HUP "${p#/proc/}"')
  })

  it('refuses a marker that could break out of the pattern', () => {
    expect(() => signalMarkedScript('a*b', 'KILL')).toThrow()
    expect(() => signalMarkedScript('a"; rm -rf /', 'KILL')).toThrow()
  })
})
