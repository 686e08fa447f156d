import type { BuildLine, BuildMessage } from '../../../src-shared/contract/build'
import { BerthError } from '../../../src-shared/contract/errors'

/** One JSON object of the classic builder's output stream (`POST /build`). */
export interface BuilderObject {
  stream?: string
  aux?: { ID?: string } | unknown
  error?: string
  errorDetail?: { code?: number; message?: string }
  status?: string
  progress?: string
  id?: string
}

/** What one builder object means, in order: a line of output, or the start of a step. */
export type BuildEvent = { kind: 'line'; line: BuildLine } | Extract<BuildMessage, { kind: 'step' }>

const STEP = /^Step (\d+)\/(\d+) : (.*)$/
const TAGGED = /^Successfully tagged (.+)$/
// "The command '/bin/sh -c exit 3' returned a non-zero code: 3"
const RUN_FAILED = /returned a non-zero code: (\d+)/

/**
 * Reads the builder's objects in order: splits `stream` text into lines (a line may arrive in
 * pieces), notes steps, the image id (`aux.ID`) and tags, and turns `errorDetail` into the
 * error it is — a RUN step that exited non-zero names the step and its exit code.
 */
export class BuildOutput {
  private partial = ''
  private step: { step: number; total: number; instruction: string } | null = null
  private imageId: string | null = null
  private readonly tags: string[] = []
  private failure: BerthError | null = null

  /** Lines and step messages for one object, in order; the caller batches lines. */
  read(obj: BuilderObject): BuildEvent[] {
    const out: BuildEvent[] = []
    if (typeof obj.stream === 'string') {
      const parts = (this.partial + obj.stream).split('\n')
      this.partial = parts.pop() ?? ''
      for (const raw of parts) this.line(raw.replace(/\r$/, ''), out)
    }
    if (obj.aux && typeof obj.aux === 'object' && typeof (obj.aux as { ID?: unknown }).ID === 'string') {
      this.imageId = (obj.aux as { ID: string }).ID
    }
    if (typeof obj.status === 'string') {
      // A base image being pulled (`pull` or a missing FROM image): its status lines as text.
      out.push({ kind: 'line', line: { kind: 'aux', text: [obj.id, obj.status, obj.progress].filter(Boolean).join(' ') } })
    }
    if (obj.errorDetail || typeof obj.error === 'string') {
      this.failure = this.errorOf(obj.errorDetail?.message ?? obj.error ?? 'The build failed.', obj.errorDetail?.code)
      out.push({ kind: 'line', line: { kind: 'error', text: obj.errorDetail?.message ?? obj.error ?? '' } })
    }
    return out
  }

  /** What is left at the end: a last line without a newline. */
  flush(): BuildEvent[] {
    if (!this.partial) return []
    const out: BuildEvent[] = []
    this.line(this.partial, out)
    this.partial = ''
    return out
  }

  /** The build's outcome once the stream ended: the error, or the image and its tags. */
  result(): { error: BerthError } | { imageId: string; tags: string[] } {
    if (this.failure) return { error: this.failure }
    if (!this.imageId) {
      return { error: new BerthError('INTERNAL', 'The build stream ended without an image; the engine may have stopped the build.', { reason: 'build_no_image' }) }
    }
    return { imageId: this.imageId, tags: [...this.tags] }
  }

  private line(text: string, out: BuildEvent[]): void {
    const step = STEP.exec(text)
    if (step) {
      this.step = { step: Number(step[1]), total: Number(step[2]), instruction: step[3] ?? '' }
      out.push({ kind: 'step', ...this.step })
    }
    const tagged = TAGGED.exec(text)
    if (tagged?.[1]) this.tags.push(tagged[1])
    out.push({ kind: 'line', line: { kind: 'stream', text } })
  }

  private errorOf(message: string, code: number | undefined): BerthError {
    const at = this.step
    const where = at ? `step ${at.step}/${at.total} (${at.instruction})` : 'the build'
    const exit = RUN_FAILED.exec(message)
    if (exit) {
      const exitCode = Number(exit[1])
      return new BerthError('INVALID_INPUT', `The build failed at ${where}: the command exited with code ${exitCode}.`, {
        reason: 'build_step_failed',
        step: at?.step ?? null,
        total: at?.total ?? null,
        instruction: at?.instruction ?? '',
        exitCode,
        engineMessage: message,
      })
    }
    if (/dockerfile parse error|unknown instruction/i.test(message)) {
      return new BerthError('INVALID_INPUT', `The Dockerfile has a mistake: ${message}`, { reason: 'build_dockerfile_invalid', engineMessage: message })
    }
    return new BerthError('INVALID_INPUT', `The build failed at ${where}: ${message}`, {
      reason: 'build_failed',
      step: at?.step ?? null,
      instruction: at?.instruction ?? '',
      ...(code !== undefined ? { exitCode: code } : {}),
      engineMessage: message,
    })
  }
}
