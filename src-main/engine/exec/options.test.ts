import { describe, expect, it } from 'vitest'
import { execCreateConfig, MARKER_VAR } from './options'

const size = { cols: 120, rows: 40 }

describe('execCreateConfig', () => {
  it('runs the probed shell with a TTY, stdin attached and the session marker when no command is given', () => {
    expect(execCreateConfig(size, '/bin/bash', 'tok')).toEqual({
      Cmd: ['/bin/bash'],
      Tty: true,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Env: ['TERM=xterm-256color', `${MARKER_VAR}=tok`],
      ConsoleSize: [40, 120],
    })
  })

  it('runs a custom argv as given, without a shell in between', () => {
    expect(execCreateConfig({ ...size, command: ['top', '-d', '1'] }, '/bin/sh', 'tok').Cmd).toEqual(['top', '-d', '1'])
  })

  it('passes user and working directory only when set', () => {
    const c = execCreateConfig({ ...size, user: '1000:1000', workdir: '/tmp' }, '/bin/sh', 'tok')
    expect(c.User).toBe('1000:1000')
    expect(c.WorkingDir).toBe('/tmp')
    const bare = execCreateConfig({ ...size, user: '' }, '/bin/sh', 'tok')
    expect('User' in bare).toBe(false)
    expect('WorkingDir' in bare).toBe(false)
  })

  it('refuses to build an exec with neither a command nor a shell', () => {
    expect(() => execCreateConfig(size, null, 'tok')).toThrow()
  })
})
