import { randomBytes } from 'node:crypto'
import type Docker from 'dockerode'
import { BerthError } from '../../../src-shared/contract/errors'
import type { TransferCancelled, TransferMessage } from '../../../src-shared/contract/transfer'
import type { ImageReference } from '../../../src-shared/image-reference'
import type { RegistryAuthSource } from '../../registry/auth-source'
import { trackStream } from '../../streams/gauge'
import type { StreamSource } from '../../streams/registry'
import type { EngineConnection } from '../connection'
import { isUnreachable } from '../errors'
import { NdjsonSplitter } from '../ndjson'
import { TransferProgress, type ProgressLine } from './progress'
import { transferError, transferRequestError } from './transfer-errors'

/** Progress leaves about ten times a second, however many lines the engine writes. */
const PROGRESS_INTERVAL_MS = 100

export interface TransferJob {
  kind: 'pull' | 'push'
  reference: ImageReference
  platform?: string
}

interface Running {
  progress: TransferProgress
  reference: string
  cancel(): void
}

/** Transfers in flight by id: the id is the capability to cancel one (only its subscriber learns it). */
export class TransferTable {
  private readonly running = new Map<string, Running>()

  static newId(): string {
    return randomBytes(24).toString('base64url')
  }

  add(id: string, r: Running): () => void {
    this.running.set(id, r)
    return () => this.running.delete(id)
  }

  /** Stops a transfer and says what it left behind. */
  cancel(id: string): TransferCancelled {
    const r = this.running.get(id)
    if (!r) throw new BerthError('NOT_FOUND', 'This transfer has already ended.', { reason: 'image_transfer_unknown' })
    const a = r.progress.aggregate(Date.now())
    r.cancel()
    return { reference: r.reference, layersDone: a.layersDone, layersLeft: a.layers - a.layersDone, bytes: a.bytes }
  }
}

export interface TransferDeps {
  conn: EngineConnection
  auth: RegistryAuthSource
  table: TransferTable
}

/** The engine request: `POST /images/create` for a pull, `POST /images/{name}/push` for a push. */
async function openEngineStream(docker: Docker, job: TransferJob, authconfig: object | undefined, signal: AbortSignal): Promise<NodeJS.ReadableStream & { destroy(): void }> {
  const ref = job.reference
  if (job.kind === 'pull') {
    const opts: Record<string, unknown> = { fromImage: ref.repository, tag: ref.digest ?? ref.tag ?? 'latest', abortSignal: signal }
    if (job.platform) opts.platform = job.platform
    return (await docker.createImage(authconfig as Docker.AuthConfig, opts)) as NodeJS.ReadableStream & { destroy(): void }
  }
  const opts: Record<string, unknown> = { tag: ref.tag ?? 'latest', abortSignal: signal }
  if (authconfig) opts.authconfig = authconfig
  return (await docker.getImage(ref.repository).push(opts)) as NodeJS.ReadableStream & { destroy(): void }
}

/**
 * A pull or push as a stream source: main owns the engine's progress stream, folds it per
 * layer and sends a snapshot at most every PROGRESS_INTERVAL_MS. An error line inside the
 * 200 stream ends the subscription with that error. Closing (unsubscribe, cancel) aborts the
 * engine request, which stops the engine's work.
 */
export function transferSource(deps: TransferDeps, job: TransferJob, transferId: string): StreamSource<TransferMessage> {
  const reference = job.reference.familiar
  return {
    initial: () => ({ kind: 'started', transferId, reference }),
    open(emit, end) {
      const progress = new TransferProgress()
      const controller = new AbortController()
      let stream: (NodeJS.ReadableStream & { destroy(): void }) | null = null
      let release: (() => void) | null = null
      let timer: ReturnType<typeof setTimeout> | null = null
      let closed = false

      const snapshot = (): TransferMessage => ({ kind: 'progress', layers: progress.layerList(), aggregate: progress.aggregate(Date.now()), status: progress.status })
      const stop = () => {
        if (timer) clearTimeout(timer)
        timer = null
        controller.abort()
        stream?.destroy()
        release?.()
        release = null
      }
      const finish = (error?: BerthError) => {
        if (closed) return
        closed = true
        stop()
        forget()
        end(error?.toJSON())
      }
      const forget = deps.table.add(transferId, {
        progress,
        reference,
        cancel: () => {
          const a = progress.aggregate(Date.now())
          const what = job.kind === 'pull' ? 'Pull' : 'Push'
          finish(
            new BerthError('CANCELLED', `${what} of “${reference}” cancelled: ${a.layersDone} of ${a.layers} layers were complete.`, {
              reason: 'image_transfer_cancelled',
              done: a.layersDone,
              total: a.layers,
            }),
          )
        },
      })
      const schedule = () => {
        timer ??= setTimeout(() => {
          timer = null
          if (!closed) emit(snapshot())
        }, PROGRESS_INTERVAL_MS)
      }

      const completed = async () => {
        if (progress.error) return finish(transferError(job.kind, reference, progress.error))
        let imageId: string | null = null
        try {
          imageId = (await deps.conn.client().getImage(reference).inspect()).Id
        } catch {
          // The engine answered the transfer; an id we cannot read does not undo it.
        }
        if (closed) return
        if (timer) clearTimeout(timer)
        timer = null
        progress.finish()
        emit(snapshot())
        emit({ kind: 'done', reference, imageId, digest: progress.digest, upToDate: progress.upToDate, aggregate: progress.aggregate(Date.now()) })
        finish()
      }

      const run = async () => {
        const docker = deps.conn.client()
        if (job.kind === 'push') {
          // The engine would say so inside the stream; asking first gives a clear error at once.
          try {
            await docker.getImage(reference).inspect()
          } catch (err) {
            if ((err as { statusCode?: number }).statusCode === 404) throw transferError('push', reference, `tag does not exist: ${reference}`)
            throw err
          }
        }
        const auth = await deps.auth.authFor(job.reference.registry)
        if (closed) return
        release = trackStream(job.kind)
        const s = await openEngineStream(docker, job, auth ?? undefined, controller.signal)
        if (closed) {
          s.destroy()
          return
        }
        stream = s
        const splitter = new NdjsonSplitter<ProgressLine>()
        const take = (lines: ProgressLine[]) => {
          for (const line of lines) {
            progress.push(line, Date.now())
            if (progress.error) {
              // Stop reading: the engine has given up; what follows (if anything) is noise.
              void completed()
              return
            }
          }
          schedule()
        }
        s.on('data', (chunk: Buffer) => {
          if (!closed && !progress.error) take(splitter.push(chunk))
        })
        let ended = false
        s.on('end', () => {
          ended = true
          if (closed || progress.error) return
          take(splitter.push('\n'))
          if (!progress.error) void completed()
        })
        s.on('error', (err: Error) => {
          if (closed) return
          if (isUnreachable(err)) deps.conn.lost(err)
          finish(transferRequestError(job.kind, reference, err))
        })
        s.on('close', () => {
          // A socket closed without `end` is a cut connection, not a finished transfer.
          if (!closed && !ended && !progress.error)
            setImmediate(() => !closed && finish(new BerthError('ENGINE_UNREACHABLE', `The engine closed the ${job.kind} of “${reference}” before it finished.`, { reason: 'engine_unreachable' })))
        })
      }
      run().catch((err: unknown) => {
        if (closed) return
        if (isUnreachable(err)) deps.conn.lost(err)
        finish(transferRequestError(job.kind, reference, err))
      })

      return () => {
        if (closed) return
        closed = true
        stop()
        forget()
      }
    },
  }
}
