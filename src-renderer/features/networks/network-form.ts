import { checkSubnet, type SubnetProblem } from '../../../src-shared/net-address'
import { RESERVED_KEYS } from '../../../src-shared/reserved-keys'

export interface NetworkForm {
  name: string
  driver: string
  parent: string
  subnet: string
  gateway: string
  ipv6: boolean
  internal: boolean
  attachable: boolean
  labels: string
}

export type FormProblem = SubnetProblem | 'name' | 'labels' | 'parent' | 'ipv6_needs_v6_subnet'
export type FormProblems = Partial<Record<'name' | 'subnet' | 'gateway' | 'labels' | 'parent', FormProblem>>

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/
const PARENT = /^[a-zA-Z0-9_.@-]{1,15}$/

/** `key=value` per line (blank lines skipped); null when a line is malformed or its key reserved. */
export function parseLabels(text: string): Record<string, string> | null {
  const out: Record<string, string> = {}
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line) continue
    const eq = line.indexOf('=')
    const key = (eq < 0 ? line : line.slice(0, eq)).trim()
    if (!key || /\s/.test(key) || RESERVED_KEYS.has(key)) return null
    out[key] = eq < 0 ? '' : line.slice(eq + 1).trim()
  }
  return out
}

/** The form's problems by field, as the create dialog shows them (main checks the same again). */
export function checkNetworkForm(f: NetworkForm): FormProblems {
  const problems: FormProblems = {}
  if (!NAME.test(f.name.trim())) problems.name = 'name'
  const subnet = f.subnet.trim() || undefined
  const gateway = f.gateway.trim() || undefined
  const p = checkSubnet(subnet, gateway)
  if (p) problems[p.startsWith('gateway') ? 'gateway' : 'subnet'] = p
  else if (f.ipv6 && subnet && !subnet.includes(':')) problems.subnet = 'ipv6_needs_v6_subnet'
  if (parseLabels(f.labels) === null) problems.labels = 'labels'
  if ((f.driver === 'macvlan' || f.driver === 'ipvlan') && f.parent.trim() && !PARENT.test(f.parent.trim())) problems.parent = 'parent'
  return problems
}

const ALIAS = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,252}$/

/** Comma-separated aliases; the first invalid one is returned as `bad`. */
export function parseAliases(text: string): { aliases: string[]; bad: string | null } {
  const aliases = text
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
  return { aliases, bad: aliases.find((a) => !ALIAS.test(a)) ?? null }
}
