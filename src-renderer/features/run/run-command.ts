import type { RunParams } from '../../../src-shared/contract/run'
import { shellQuote } from '../../shared/shell-words'

/** A byte count as `-m` takes it, in the largest unit that divides it exactly. */
export function memoryFlag(bytes: number): string {
  for (const [unit, size] of [
    ['g', 1024 ** 3],
    ['m', 1024 ** 2],
    ['k', 1024],
  ] as const)
    if (bytes % size === 0) return `${bytes / size}${unit}`
  return `${bytes}b`
}

/**
 * The `docker run` command that does what the run dialog will do, word by word shell-quoted
 * so it can be pasted into a terminal. Berth always runs detached, hence `-d`.
 */
export function runCommand(p: RunParams): string {
  const args: string[] = ['docker', 'run', '-d']
  if (p.interactive) args.push('-it')
  if (p.autoRemove) args.push('--rm')
  if (p.name) args.push('--name', p.name)
  for (const port of p.ports ?? []) {
    const host = port.hostIp ? (port.hostIp.includes(':') ? `[${port.hostIp}]` : port.hostIp) : ''
    const left = host ? `${host}:${port.hostPort ?? ''}:` : port.hostPort !== undefined ? `${port.hostPort}:` : ''
    const proto = port.protocol && port.protocol !== 'tcp' ? `/${port.protocol}` : ''
    args.push('-p', `${left}${port.containerPort}${proto}`)
  }
  for (const e of p.env ?? []) args.push('-e', `${e.key}=${e.value}`)
  for (const m of p.mounts ?? []) args.push('-v', `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`)
  if (p.network) args.push('--network', p.network)
  const restart = p.restart
  if (restart && restart.policy !== 'no') args.push('--restart', restart.maxRetries ? `${restart.policy}:${restart.maxRetries}` : restart.policy)
  if (p.cpus !== undefined) args.push('--cpus', String(p.cpus))
  if (p.memoryBytes !== undefined) args.push('-m', memoryFlag(p.memoryBytes))
  for (const l of p.labels ?? []) args.push('--label', l.value === '' ? l.key : `${l.key}=${l.value}`)
  args.push(p.image, ...(p.command ?? []))
  return args.map(shellQuote).join(' ')
}
