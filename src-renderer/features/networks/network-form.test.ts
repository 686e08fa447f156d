import { describe, expect, it } from 'vitest'
import { checkNetworkForm, parseAliases, parseLabels, type NetworkForm } from './network-form'

const form = (over: Partial<NetworkForm> = {}): NetworkForm => ({
  name: 'app-net',
  driver: 'bridge',
  parent: '',
  subnet: '',
  gateway: '',
  ipv6: false,
  internal: false,
  attachable: false,
  labels: '',
  ...over,
})

describe('checkNetworkForm', () => {
  it('accepts a plain name and no addresses', () => {
    expect(checkNetworkForm(form())).toEqual({})
  })
  it('puts each problem on its field', () => {
    expect(checkNetworkForm(form({ name: '-bad' }))).toEqual({ name: 'name' })
    expect(checkNetworkForm(form({ subnet: '10.0.0.1/8' }))).toEqual({ subnet: 'cidr_host_bits' })
    expect(checkNetworkForm(form({ subnet: '10.0.0.0/8', gateway: '11.0.0.1' }))).toEqual({ gateway: 'gateway_outside' })
    expect(checkNetworkForm(form({ gateway: '10.0.0.1' }))).toEqual({ gateway: 'gateway_without_subnet' })
    expect(checkNetworkForm(form({ ipv6: true, subnet: '10.0.0.0/8' }))).toEqual({ subnet: 'ipv6_needs_v6_subnet' })
    expect(checkNetworkForm(form({ ipv6: true, subnet: 'fd00:5::/64', gateway: 'fd00:5::1' }))).toEqual({})
    expect(checkNetworkForm(form({ labels: 'bad key=1' }))).toEqual({ labels: 'labels' })
    expect(checkNetworkForm(form({ driver: 'macvlan', parent: 'eth0.100-too-long-name' }))).toEqual({ parent: 'parent' })
  })
})

describe('parseLabels and parseAliases', () => {
  it('reads key=value lines, a bare key as an empty value', () => {
    expect(parseLabels('a=1\n\n b = two words \nflag')).toEqual({ a: '1', b: 'two words', flag: '' })
  })
  it('refuses a label key an object would swallow or main refuses, instead of dropping it', () => {
    expect(parseLabels('a=1\n__proto__=x')).toBeNull()
    expect(parseLabels('constructor=x')).toBeNull()
    expect(parseLabels('prototype')).toBeNull()
    expect(parseLabels('toString=x')).toEqual({ toString: 'x' })
  })
  it('splits aliases and names the first bad one', () => {
    expect(parseAliases(' db, cache ,')).toEqual({ aliases: ['db', 'cache'], bad: null })
    expect(parseAliases('db, bad alias')).toEqual({ aliases: ['db', 'bad alias'], bad: 'bad alias' })
  })
})
