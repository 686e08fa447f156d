import { describe, expect, it } from 'vitest'
import { objectRef } from './common'
import { engineUrl } from './engine'
import { BerthError, ERROR_CODES, fromErrorShape, isErrorShape } from './errors'
import { domains, isRequestName, isTopicName, requests, topics } from './index'

describe('objectRef', () => {
  it('accepts container ids and names', () => {
    for (const ok of ['web', 'a', '3f2b9c0d1e4a', 'my_app.web-1', 'A1']) expect(objectRef.safeParse(ok).success).toBe(true)
  })

  it('refuses paths, spaces, control characters, leading punctuation, empties and overlong refs', () => {
    for (const bad of ['', '../etc', '/web', 'web db', 'web\n', '-rf', '.hidden', 'a/b', 'x'.repeat(129), 'wéb']) {
      expect(objectRef.safeParse(bad).success, bad).toBe(false)
    }
  })
})

describe('engineUrl', () => {
  it('accepts the four kinds of engine address', () => {
    for (const ok of ['unix:///var/run/docker.sock', 'npipe:////./pipe/docker_engine', 'tcp://10.0.0.5:2375', 'tcp://build.example', 'ssh://ada@build.example:2222', '  tcp://h:2376/  ']) {
      expect(engineUrl.safeParse(ok).success, ok).toBe(true)
    }
  })

  it('refuses other schemes, paths after a host, and spaces', () => {
    for (const bad of ['http://h:2375', 'file:///etc/passwd', 'tcp://h:2375/v1.41/containers', 'unix://relative', 'unix:///a b', 'ssh://', `unix:///${'a'.repeat(600)}`]) {
      expect(engineUrl.safeParse(bad).success, bad).toBe(false)
    }
  })
})

describe('channel names', () => {
  it('knows every declared request and topic and nothing inherited from Object', () => {
    for (const name of Object.keys(requests)) expect(isRequestName(name)).toBe(true)
    for (const name of Object.keys(topics)) expect(isTopicName(name)).toBe(true)
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty', '', 'containers:', 42, null]) {
      expect(isRequestName(name)).toBe(false)
      expect(isTopicName(name)).toBe(false)
    }
  })

  it('names every request and topic domain:name, the name in kebab-case', () => {
    for (const name of [...Object.keys(requests), ...Object.keys(topics)]) expect(name).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/)
  })

  it('declares each channel in the file of the domain its prefix names, and every channel in one domain', () => {
    const declared: string[] = []
    for (const [domain, channels] of Object.entries(domains)) {
      for (const name of [...Object.keys(channels.requests), ...Object.keys(channels.topics)]) {
        expect(name.split(':')[0], name).toBe(domain)
        declared.push(name)
      }
    }
    expect(declared.sort()).toEqual([...Object.keys(requests), ...Object.keys(topics)].sort())
  })

  it('never gives a request and a topic the same name', () => {
    expect(Object.keys(requests).filter((name) => Object.prototype.hasOwnProperty.call(topics, name))).toEqual([])
  })
})

describe('BerthError', () => {
  it('crosses the wire as { code, message, details? } and comes back the same', () => {
    const err = new BerthError('CONFLICT', 'Container “web” is running.', { reason: 'container_running', ref: 'web' })
    const wire = JSON.parse(JSON.stringify(err))
    expect(wire).toEqual({ code: 'CONFLICT', message: 'Container “web” is running.', details: { reason: 'container_running', ref: 'web' } })
    expect(isErrorShape(wire)).toBe(true)
    const back = fromErrorShape(wire)
    expect(back).toBeInstanceOf(BerthError)
    expect(back).toMatchObject({ code: 'CONFLICT', message: 'Container “web” is running.', details: wire.details })
    expect(JSON.parse(JSON.stringify(new BerthError('INTERNAL', 'x')))).toEqual({ code: 'INTERNAL', message: 'x' })
  })

  it('recognises only shapes with a known code and a message', () => {
    expect(ERROR_CODES).toContain('ENGINE_UNREACHABLE')
    expect(isErrorShape({ code: 'NOT_FOUND', message: 'gone' })).toBe(true)
    expect(isErrorShape({ code: 'TEAPOT', message: 'short and stout' })).toBe(false)
    expect(isErrorShape({ code: 'NOT_FOUND' })).toBe(false)
    expect(isErrorShape(null)).toBe(false)
    expect(isErrorShape('NOT_FOUND')).toBe(false)
  })
})
