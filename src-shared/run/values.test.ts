import { describe, expect, it } from 'vitest'
import { nanoCpus, parseCpus, parseEnv, parseLabel, parseMemory, parseMount, parseRestart } from './values'

describe('parseEnv', () => {
  it('splits at the first = and keeps the value as typed', () => {
    expect(parseEnv('GREETING=hello world')).toEqual({ ok: true, value: { key: 'GREETING', value: 'hello world' } })
    expect(parseEnv('URL=a=b=c')).toEqual({ ok: true, value: { key: 'URL', value: 'a=b=c' } })
    expect(parseEnv('EMPTY=')).toEqual({ ok: true, value: { key: 'EMPTY', value: '' } })
    expect(parseEnv('spring.profiles.active=dev')).toEqual({ ok: true, value: { key: 'spring.profiles.active', value: 'dev' } })
  })

  it('refuses a bare key and keys with spaces or a leading digit', () => {
    expect(parseEnv('HOME')).toEqual({ ok: false, error: 'env_syntax' })
    expect(parseEnv('MY KEY=1')).toEqual({ ok: false, error: 'env_key' })
    expect(parseEnv('1X=1')).toEqual({ ok: false, error: 'env_key' })
    expect(parseEnv('=1')).toEqual({ ok: false, error: 'env_key' })
  })
})

describe('parseLabel', () => {
  it('takes key=value and a bare key', () => {
    expect(parseLabel('com.example.tier=web')).toEqual({ ok: true, value: { key: 'com.example.tier', value: 'web' } })
    expect(parseLabel('flag')).toEqual({ ok: true, value: { key: 'flag', value: '' } })
    expect(parseLabel('bad key=1')).toEqual({ ok: false, error: 'label_key' })
  })
})

describe('parseMemory', () => {
  it('reads units as powers of 1024, in either case, with an optional b', () => {
    expect(parseMemory('512m')).toEqual({ ok: true, value: 512 * 1024 ** 2 })
    expect(parseMemory('1G')).toEqual({ ok: true, value: 1024 ** 3 })
    expect(parseMemory('1.5gb')).toEqual({ ok: true, value: 1.5 * 1024 ** 3 })
    expect(parseMemory('8192k')).toEqual({ ok: true, value: 8 * 1024 ** 2 })
    expect(parseMemory('10485760')).toEqual({ ok: true, value: 10 * 1024 ** 2 })
  })

  it('refuses other units and less than the engine allows (6 MiB)', () => {
    expect(parseMemory('12 apples')).toEqual({ ok: false, error: 'memory_syntax' })
    expect(parseMemory('-1m')).toEqual({ ok: false, error: 'memory_syntax' })
    expect(parseMemory('')).toEqual({ ok: false, error: 'memory_syntax' })
    expect(parseMemory('4m')).toEqual({ ok: false, error: 'memory_too_small' })
  })
})

describe('parseCpus', () => {
  it('reads cores as decimals and turns them into NanoCpus', () => {
    expect(parseCpus('1.5')).toEqual({ ok: true, value: 1.5 })
    expect(parseCpus('.5')).toEqual({ ok: true, value: 0.5 })
    expect(nanoCpus(1.5)).toBe(1_500_000_000)
    expect(nanoCpus(0.1)).toBe(100_000_000)
  })

  it('refuses words, zero and less than 0.01', () => {
    expect(parseCpus('two')).toEqual({ ok: false, error: 'cpus_syntax' })
    expect(parseCpus('0')).toEqual({ ok: false, error: 'cpus_range' })
    expect(parseCpus('0.001')).toEqual({ ok: false, error: 'cpus_range' })
  })
})

describe('parseMount', () => {
  it('tells a bind mount (absolute host path) from a named volume', () => {
    expect(parseMount('/srv/data:/data')).toEqual({ ok: true, value: { type: 'bind', source: '/srv/data', target: '/data', readOnly: false } })
    expect(parseMount('cache:/cache:ro')).toEqual({ ok: true, value: { type: 'volume', source: 'cache', target: '/cache', readOnly: true } })
  })

  it('refuses relative host paths, relative targets and unknown modes', () => {
    expect(parseMount('./data:/data')).toEqual({ ok: false, error: 'mount_source' })
    expect(parseMount('/data:data')).toEqual({ ok: false, error: 'mount_target' })
    expect(parseMount('/a:/b:rx')).toEqual({ ok: false, error: 'mount_mode' })
    expect(parseMount('/only')).toEqual({ ok: false, error: 'mount_syntax' })
  })
})

describe('parseRestart', () => {
  it('reads the four policies and a retry count for on-failure only', () => {
    expect(parseRestart('unless-stopped')).toEqual({ ok: true, value: { policy: 'unless-stopped' } })
    expect(parseRestart('on-failure:5')).toEqual({ ok: true, value: { policy: 'on-failure', maxRetries: 5 } })
    expect(parseRestart('always:5')).toEqual({ ok: false, error: 'restart_policy' })
    expect(parseRestart('sometimes')).toEqual({ ok: false, error: 'restart_policy' })
  })
})
