import type { RunParams } from '../../../src-shared/contract/run'
import { parseImageReference } from '../../../src-shared/image-reference'
import { CONTAINER_NAME, IMAGE_ID, NETWORK_NAME, type RestartPolicyName } from '../../../src-shared/run/grammar'
import { parsePort, type PortSpec } from '../../../src-shared/run/ports'
import { parseCpus, parseEnv, parseLabel, parseMemory, parseMount, type KeyValue, type MountSpec } from '../../../src-shared/run/values'
import type { FieldProblem } from '../../shared/field-problem'
import { splitCommand } from '../../shared/shell-words'

/** The run dialog's fields as typed. Lists are one entry per line. */
export interface RunForm {
  image: string
  name: string
  ports: string
  env: string
  mounts: string
  network: string
  restart: RestartPolicyName
  retries: string
  cpus: string
  memory: string
  command: string
  labels: string
  autoRemove: boolean
  interactive: boolean
}

export type RunField = Exclude<keyof RunForm, 'autoRemove' | 'interactive' | 'restart'>

export function emptyRunForm(image = ''): RunForm {
  return { image, name: '', ports: '', env: '', mounts: '', network: '', restart: 'no', retries: '', cpus: '', memory: '', command: '', labels: '', autoRemove: false, interactive: false }
}

/** Non-blank lines with their 1-based numbers. */
function lines(text: string): { text: string; line: number }[] {
  return text
    .split('\n')
    .map((t, i) => ({ text: t.trim(), line: i + 1 }))
    .filter((l) => l.text !== '')
}

function list<T, E extends string>(text: string, parse: (t: string) => { ok: true; value: T } | { ok: false; error: E }): { values: T[]; problem: FieldProblem | null } {
  const values: T[] = []
  for (const l of lines(text)) {
    const r = parse(l.text)
    if (!r.ok) return { values, problem: { key: r.error, line: l.line } }
    values.push(r.value)
  }
  return { values, problem: null }
}

/**
 * Checks every field and builds the request. `params` is null while any field has a problem;
 * the dialog shows each problem under its field.
 */
export function readRunForm(form: RunForm): { params: RunParams | null; problems: Partial<Record<RunField, FieldProblem>> } {
  const problems: Partial<Record<RunField, FieldProblem>> = {}
  const image = form.image.trim()
  if (!image) problems.image = { key: 'image_empty' }
  else if (!IMAGE_ID.test(image)) {
    const ref = parseImageReference(image)
    if (!ref.ok) problems.image = { key: 'image_syntax', reason: ref.error.reason, params: ref.error.params }
  }

  const name = form.name.trim()
  if (name && (!CONTAINER_NAME.test(name) || name.length > 128)) problems.name = { key: 'name_syntax' }

  const ports = list<PortSpec[], string>(form.ports, parsePort)
  if (ports.problem) problems.ports = ports.problem
  const env = list<KeyValue, string>(form.env, parseEnv)
  if (env.problem) problems.env = env.problem
  const mounts = list<MountSpec, string>(form.mounts, parseMount)
  if (mounts.problem) problems.mounts = mounts.problem
  const labels = list<KeyValue, string>(form.labels, parseLabel)
  if (labels.problem) problems.labels = labels.problem

  const network = form.network.trim()
  if (network && !NETWORK_NAME.test(network)) problems.network = { key: 'network_syntax' }

  let retries: number | undefined
  if (form.restart === 'on-failure' && form.retries.trim()) {
    retries = /^\d{1,4}$/.test(form.retries.trim()) ? Number(form.retries.trim()) : undefined
    if (retries === undefined) problems.retries = { key: 'retries_syntax' }
  }

  let cpus: number | undefined
  if (form.cpus.trim()) {
    const r = parseCpus(form.cpus)
    if (r.ok) cpus = r.value
    else problems.cpus = { key: r.error }
  }
  let memoryBytes: number | undefined
  if (form.memory.trim()) {
    const r = parseMemory(form.memory)
    if (r.ok) memoryBytes = r.value
    else problems.memory = { key: r.error }
  }

  let command: string[] | undefined
  if (form.command.trim()) {
    const argv = splitCommand(form.command)
    if (argv === null) problems.command = { key: 'command_quote' }
    else command = argv
  }

  if (Object.keys(problems).length > 0) return { params: null, problems }
  const params: RunParams = {
    image,
    ports: ports.values.flat(),
    env: env.values,
    mounts: mounts.values,
    labels: labels.values,
    restart: retries === undefined ? { policy: form.restart } : { policy: form.restart, maxRetries: retries },
    autoRemove: form.autoRemove,
    interactive: form.interactive,
  }
  if (name) params.name = name
  if (network) params.network = network
  if (cpus !== undefined) params.cpus = cpus
  if (memoryBytes !== undefined) params.memoryBytes = memoryBytes
  if (command) params.command = command
  return { params, problems }
}
