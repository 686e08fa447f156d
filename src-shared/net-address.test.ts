import { describe, expect, it } from 'vitest'
import { checkSubnet, parseCidr, parseIp } from './net-address'

describe('parseIp', () => {
  it('reads IPv4 and refuses out-of-range octals, leading zeros and short forms', () => {
    expect(parseIp('192.168.1.1')).toEqual({ version: 4, value: 0xc0a80101n })
    for (const bad of ['256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', ' 1.2.3.4', '1.2.3.-4', '']) expect(parseIp(bad)).toBeNull()
  })
  it('reads IPv6 with :: compression and embedded IPv4', () => {
    expect(parseIp('::')?.value).toBe(0n)
    expect(parseIp('::1')?.value).toBe(1n)
    expect(parseIp('fd00::1')?.value).toBe((0xfd00n << 112n) | 1n)
    expect(parseIp('::ffff:192.0.2.1')?.value).toBe((0xffffn << 32n) | 0xc0000201n)
    expect(parseIp('2001:db8:0:0:0:0:0:1')).toEqual(parseIp('2001:db8::1'))
  })
  it('refuses malformed IPv6', () => {
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8', 'gggg::1', '12345::1', 'fe80::1%eth0', '::1.2.3']) expect(parseIp(bad)).toBeNull()
  })
})

describe('parseCidr', () => {
  it('accepts network addresses with a prefix in range', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ version: 4, network: 0x0a000000n, prefix: 8 })
    expect(parseCidr('0.0.0.0/0')).toMatchObject({ prefix: 0 })
    expect(parseCidr('192.168.5.7/32')).toMatchObject({ prefix: 32 })
    expect(parseCidr('fd12:3456::/64')).toMatchObject({ version: 6, prefix: 64 })
  })
  it('names what is wrong', () => {
    expect(parseCidr('10.0.0.0')).toBe('cidr_format')
    expect(parseCidr('10.0.0/8')).toBe('cidr_format')
    expect(parseCidr('10.0.0.0/33')).toBe('cidr_prefix')
    expect(parseCidr('10.0.0.0/08')).toBe('cidr_prefix')
    expect(parseCidr('fd00::/129')).toBe('cidr_prefix')
    expect(parseCidr('10.0.0.1/8')).toBe('cidr_host_bits')
    expect(parseCidr('fd00::1/64')).toBe('cidr_host_bits')
  })
})

describe('checkSubnet', () => {
  it('accepts a gateway inside the subnet, IPv4 and IPv6', () => {
    expect(checkSubnet('172.30.0.0/16', '172.30.0.1')).toBeNull()
    expect(checkSubnet('fd00:1::/64', 'fd00:1::1')).toBeNull()
    expect(checkSubnet('172.30.0.0/16', undefined)).toBeNull()
    expect(checkSubnet(undefined, undefined)).toBeNull()
  })
  it('refuses a gateway outside the subnet, of the other family, or the network address itself', () => {
    expect(checkSubnet('172.30.0.0/16', '172.31.0.1')).toBe('gateway_outside')
    expect(checkSubnet('172.30.0.0/16', 'fd00::1')).toBe('gateway_outside')
    expect(checkSubnet('fd00:1::/64', 'fd00:2::1')).toBe('gateway_outside')
    expect(checkSubnet('172.30.0.0/16', '172.30.0.0')).toBe('gateway_network_address')
    expect(checkSubnet('172.30.0.0/16', '172.30.0')).toBe('gateway_format')
    expect(checkSubnet(undefined, '10.0.0.1')).toBe('gateway_without_subnet')
  })
  it('lets a /31 use both of its addresses (point-to-point)', () => {
    expect(checkSubnet('10.0.0.0/31', '10.0.0.0')).toBeNull()
  })
})
