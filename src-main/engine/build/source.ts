import type { IncomingMessage } from 'node:http'
import type { Readable } from 'node:stream'
import type Docker from 'dockerode'
import type { z } from 'zod'
import type { BuildLine, BuildMessage, buildParams } from '../../../src-shared/contract/build'
import { BerthError } from '../../../src-shared/contract/errors'
import { trackStream } from '../../streams/gauge'
import type { StreamSource } from '../../streams/registry'
import type { EngineConnection } from '../connection'
import { isUnreachable, toBerthError } from '../errors'
import { Batcher } from '../logs/batcher'
import { NdjsonSplitter } from '../ndjson'
import { checkContext, packContext } from './context'
import { BuildOutput, type BuildEvent, type BuilderObject } from './output'

export type BuildRequest = z.output<typeof buildParams>

// Build output is read by a person: a few hundred lines per batch, sent within 50 ms.
const BATCH_LINES = 500
const BATCH_MS = 50

/** The engine's build query for the classic builder (`docker build` without BuildKit). */
function buildQuery(p: BuildRequest): Record<string, unknown> {
  const query: Record<string, unknown> = {
    dockerfile: p.dockerfile,
    t: p.tags,
    nocache: p.noCache,
    pull: p.pull,
    rm: true,
    // Intermediate containers go even when a step fails, so a failed build leaves nothing running.
    forcerm: true,
  }
  if (p.buildArgs.length > 0) query.buildargs = Object.fromEntries(p.buildArgs.map((a) => [a.key, a.value]))
  if (p.labels && Object.keys(p.labels).length > 0) query.labels = p.labels
  return query
}

/**
 * One image build as a stream source: checks the context, packs it (respecting .dockerignore)
 * while the engine reads it, and streams the builder's output in batches; `done` with the image,
 * or the stream ends with the failure. Closing (the last subscriber leaving) aborts the request,
 * which makes the engine cancel the build.
 */
export function buildSource(conn: EngineConnection, p: BuildRequest): StreamSource<BuildMessage> {
  return {
    open(emit, end, flow) {
      const abort = new AbortController()
      let release: (() => void) | null = null
      let context: Readable | null = null
      let response: IncomingMessage | null = null
      let finished = false
      const batcher = new Batcher<BuildLine>((lines) => emit({ kind: 'output', lines }), BATCH_LINES, BATCH_MS)

      const cleanup = () => {
        finished = true
        batcher.dispose()
        abort.abort()
        context?.destroy()
        response?.destroy()
        release?.()
        release = null
      }
      const fail = (err: unknown) => {
        if (finished) return
        batcher.flush()
        if (isUnreachable(err)) conn.lost(err)
        cleanup()
        end(toBerthError(err).toJSON())
      }

      // Lines wait in the batcher; a step message goes after the lines before it.
      const deliver = (events: BuildEvent[]) => {
        for (const e of events) {
          if (e.kind === 'line') batcher.push([e.line])
          else {
            batcher.flush()
            emit(e)
          }
        }
      }

      const start = async () => {
        const docker: Docker = conn.client()
        await checkContext(p.context, p.dockerfile)
        if (finished) return
        const packed = await packContext(p.context, p.dockerfile)
        // Closed while the .dockerignore was read: the packer must not be left reading files.
        if (finished) return void packed.destroy()
        context = packed
        packed.on('error', (err: NodeJS.ErrnoException) => {
          fail(
            new BerthError(err.code === 'EACCES' ? 'PERMISSION_DENIED' : 'INTERNAL', `Berth could not read the context folder: ${err.message}`, {
              reason: 'build_context_unreadable',
              engineMessage: err.message,
            }),
          )
        })
        release = trackStream('build')
        const res = (await docker.buildImage(context as unknown as NodeJS.ReadableStream, { ...buildQuery(p), abortSignal: abort.signal })) as IncomingMessage
        if (finished) {
          res.destroy()
          return
        }
        response = res
        const output = new BuildOutput()
        const splitter = new NdjsonSplitter<BuilderObject>()
        res.on('data', (chunk: Buffer) => {
          for (const obj of splitter.push(chunk)) deliver(output.read(obj))
          if (flow?.congested()) {
            res.pause()
            flow.whenClear(() => response === res && res.resume())
          }
        })
        res.on('error', fail)
        res.on('end', () => {
          if (finished) return
          deliver(output.flush())
          batcher.flush()
          const result = output.result()
          if ('error' in result) return fail(result.error)
          emit({ kind: 'done', imageId: result.imageId, tags: result.tags })
          cleanup()
          end()
        })
      }

      start().catch(fail)
      return () => {
        if (!finished) cleanup()
      }
    },
  }
}
