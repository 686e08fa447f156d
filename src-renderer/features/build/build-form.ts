import type { BuildParams } from '../../../src-shared/contract/build'
import { parseTagTarget } from '../../../src-shared/image-reference'
import { isAbsolutePath } from '../../../src-shared/run/grammar'
import { parseEnv } from '../../../src-shared/run/values'
import type { FieldProblem } from '../../shared/field-problem'

/** The build dialog's fields as typed; tags and build args one per line. */
export interface BuildForm {
  context: string
  dockerfile: string
  tags: string
  buildArgs: string
  noCache: boolean
}

export type BuildField = 'context' | 'dockerfile' | 'tags' | 'buildArgs'

export function emptyBuildForm(): BuildForm {
  return { context: '', dockerfile: 'Dockerfile', tags: '', buildArgs: '', noCache: false }
}

/** Checks every field and builds the `build` topic's params; null while a field has a problem. */
export function readBuildForm(form: BuildForm): { params: BuildParams | null; problems: Partial<Record<BuildField, FieldProblem>> } {
  const problems: Partial<Record<BuildField, FieldProblem>> = {}
  const context = form.context.trim()
  if (!context) problems.context = { key: 'context_empty' }
  else if (!isAbsolutePath(context)) problems.context = { key: 'context_relative' }

  const dockerfile = form.dockerfile.trim() || 'Dockerfile'
  if (dockerfile.startsWith('/') || dockerfile.split(/[\\/]/).includes('..')) problems.dockerfile = { key: 'dockerfile_outside' }

  const tags: string[] = []
  form.tags.split('\n').forEach((raw, i) => {
    const tag = raw.trim()
    if (!tag || problems.tags) return
    const parsed = parseTagTarget(tag)
    if (!parsed.ok) problems.tags = { key: 'tag_syntax', line: i + 1, reason: parsed.error.reason, params: parsed.error.params }
    else tags.push(tag)
  })

  const buildArgs: { key: string; value: string }[] = []
  form.buildArgs.split('\n').forEach((raw, i) => {
    if (!raw.trim() || problems.buildArgs) return
    const r = parseEnv(raw.trim())
    if (r.ok) buildArgs.push(r.value)
    else problems.buildArgs = { key: r.error === 'env_key' ? 'arg_key' : 'arg_syntax', line: i + 1 }
  })

  if (Object.keys(problems).length > 0) return { params: null, problems }
  return { params: { context, dockerfile, tags, buildArgs, noCache: form.noCache }, problems }
}
