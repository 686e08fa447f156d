import { describe, expect, it } from 'vitest'
import { isIpAddress } from './grammar'
import { parsePort } from './ports'

describe('parsePort', () => {
  it('reads container, host:container and ip:host:container with tcp as the default protocol', () => {
    expect(parsePort('80')).toEqual({ ok: true, value: [{ containerPort: 80, protocol: 'tcp' }] })
    expect(parsePort(' 8080:80 ')).toEqual({ ok: true, value: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }] })
    expect(parsePort('127.0.0.1:5353:53/udp')).toEqual({ ok: true, value: [{ hostIp: '127.0.0.1', hostPort: 5353, containerPort: 53, protocol: 'udp' }] })
    expect(parsePort('127.0.0.1::80')).toEqual({ ok: true, value: [{ hostIp: '127.0.0.1', containerPort: 80, protocol: 'tcp' }] })
    expect(parsePort('9000/SCTP')).toEqual({ ok: true, value: [{ containerPort: 9000, protocol: 'sctp' }] })
  })

  it('takes an IPv6 host address in brackets', () => {
    expect(parsePort('[::1]:8080:80')).toEqual({ ok: true, value: [{ hostIp: '::1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }] })
    expect(parsePort('[::1]:80:80:80')).toEqual({ ok: false, error: 'port_syntax' })
  })

  it('gives one binding per port of a range, and host and container ranges must be as long', () => {
    expect(parsePort('8000-8002:80-82')).toEqual({
      ok: true,
      value: [80, 81, 82].map((c) => ({ hostPort: c + 7920, containerPort: c, protocol: 'tcp' })),
    })
    expect(parsePort('8000-8001:80-82')).toEqual({ ok: false, error: 'port_range' })
  })

  it('names what is wrong', () => {
    expect(parsePort('')).toEqual({ ok: false, error: 'port_empty' })
    expect(parsePort('80/icmp')).toEqual({ ok: false, error: 'port_protocol' })
    expect(parsePort('70000')).toEqual({ ok: false, error: 'port_number' })
    expect(parsePort('0')).toEqual({ ok: false, error: 'port_number' })
    expect(parsePort('web:80')).toEqual({ ok: false, error: 'port_number' })
    expect(parsePort('300.1.1.1:80:80')).toEqual({ ok: false, error: 'port_ip' })
    expect(parsePort('8080:')).toEqual({ ok: false, error: 'port_syntax' })
    expect(parsePort('1:2:3:4')).toEqual({ ok: false, error: 'port_syntax' })
  })
})

describe('isIpAddress', () => {
  it('accepts plain IPv4 and IPv6 and refuses the rest', () => {
    for (const ok of ['0.0.0.0', '127.0.0.1', '255.255.255.255', '::', '::1', 'fe80::1:2', '2001:db8:0:0:0:0:0:1']) expect(isIpAddress(ok)).toBe(true)
    for (const bad of ['256.0.0.1', '01.2.3.4', '1.2.3', 'localhost', ':::', '1::2::3', '2001:db8:0:0:0:0:0:0:1', '12345::1']) expect(isIpAddress(bad)).toBe(false)
  })
})
