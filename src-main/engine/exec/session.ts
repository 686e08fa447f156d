import type { Duplex } from 'node:stream'
import type Docker from 'dockerode'
import { BerthError, type BerthErrorShape } from '../../../src-shared/contract/errors'
import type { EngineEvent } from '../../../src-shared/contract/events'
import type { ExecEndReason, ExecMessage } from '../../../src-shared/contract/exec'
import type { Disposer } from '../../streams/disposable'
import { trackStream } from '../../streams/gauge'
import type { Flow, StreamSource } from '../../streams/registry'
import type { EngineConnection } from '../connection'
import { isUnreachable, toBerthError } from '../errors'
import { endExec, type ExecToEnd } from './closer'
import { attachContainer, createExec, inspectExec, resizeContainer, resizeExec, startExec } from './engine-exec'
import { execCreateConfig, type TerminalOptions } from './options'
import { OutputBatcher } from './output-batcher'
import { probeShells } from './probe'
import { newMarker, type SessionTable } from './sessions'
import type { TerminateOutcome } from './terminate'
import { Utf8Stream } from './utf8-stream'

export interface ExecSessionParams extends TerminalOptions {
  id: string
  mode: 'exec' | 'attach'
}

export interface ExecSessionDeps {
  conn: EngineConnection
  sessions: SessionTable
  onContainerEvent(listener: (e: EngineEvent) => void): Disposer
  /** Told how each closed exec ended (a leftover is logged and counted by tests). */
  onClosed?(outcome: TerminateOutcome, execId: string): void
  /** Holds a closing exec until it is confirmed gone. */
  track?(closing: Promise<unknown>): void
  /** An exec left behind when the engine went away: ended once the engine is back. */
  orphan?(left: ExecToEnd): void
}

/** Container events after which a session's container is no longer there to run it. */
const GONE_ON = new Set(['die', 'stop', 'kill', 'destroy'])

/** The engine's Ctrl+P Ctrl+Q: detaches from the container's TTY without stopping it. */
const DETACH_KEYS = '\x10\x11'

/**
 * One terminal as a stream source: opens an exec (or attaches), sends `started` with the
 * session id, then the output, and `ended` with a reason when the process, the container or
 * the engine goes. Closing it (unsubscribe, window or socket gone) ends the exec for good;
 * closing an attach only detaches.
 */
export function execSessionSource(deps: ExecSessionDeps, params: ExecSessionParams, sessionId: string): StreamSource<ExecMessage> {
  const { conn } = deps
  return {
    open(emit, end, flow) {
      let phase: 'opening' | 'open' | 'ended' | 'closed' = 'opening'
      let socket: Duplex | null = null
      let execId: string | null = null
      let containerId: string | null = null
      let shells: string[] = []
      let containerGone = false
      let releaseGauge: (() => void) | null = null
      let removeControl: (() => void) | null = null
      let offEvents: Disposer | null = null
      const marker = newMarker()
      const decoder = new Utf8Stream()
      const batcher = new OutputBatcher((data) => emit({ kind: 'output', data }))

      const finish = (reason: ExecEndReason, exitCode: number | null) => {
        if (phase === 'ended' || phase === 'closed') return
        // The process may still run in an engine Berth can no longer reach: end it on return.
        if (reason === 'engine-lost' && execId && containerId) deps.orphan?.({ execId, containerId, marker, shell: shells[0] ?? null })
        phase = 'ended'
        removeControl?.()
        batcher.push(decoder.end())
        batcher.flush()
        emit({ kind: 'ended', reason, exitCode })
        end()
      }
      const fail = (err: unknown) => {
        if (phase === 'ended' || phase === 'closed') return
        phase = 'ended'
        end(toError(err, params.id))
      }

      const offStatus = conn.onStatus((s) => {
        if (s.state !== 'connected') finish('engine-lost', null)
      })

      let ending = false
      const streamEnded = async (err?: Error) => {
        if (phase !== 'open' || ending) return
        ending = true
        if (err && isUnreachable(err)) {
          conn.lost(err)
          return finish('engine-lost', null)
        }
        let docker: Docker
        try {
          docker = conn.client()
        } catch {
          return finish('engine-lost', null)
        }
        try {
          if (params.mode === 'attach') {
            const state = await containerState(docker, containerId!)
            return finish(state.running ? 'exited' : 'container-stopped', state.exitCode)
          }
          const exit = await exitOf(docker, execId!)
          finish((await stoppedUnder(docker, exit)) ? 'container-stopped' : 'exited', exit)
        } catch (e) {
          // The stream ended because the engine went (its socket closed before any error said so).
          conn.lost(e)
          finish('engine-lost', null)
        }
      }

      /**
       * Whether the container went away under the exec. A stop kills the exec before the engine
       * marks the container exited, so a signal death (code ≥ 128, or none) looks again shortly.
       */
      const stoppedUnder = async (docker: Docker, exit: number | null) => {
        for (let i = 0; ; i++) {
          if (containerGone || !(await containerState(docker, containerId!)).running) return true
          if (i === 3 || (exit !== null && exit < 128)) return false
          await new Promise((r) => setTimeout(r, 100))
        }
      }

      const pump = (s: Duplex) => {
        s.on('data', (chunk: Buffer) => {
          if (phase !== 'open') return
          const full = batcher.push(decoder.push(chunk))
          pace(s, full, flow)
        })
        s.on('end', () => void streamEnded())
        s.on('close', () => void streamEnded())
        s.on('error', (e: Error) => void streamEnded(e))
      }

      const start = async () => {
        const docker = conn.client()
        const probe = await probeShells(docker, params.id).catch((err: unknown) => {
          if (isUnreachable(err)) conn.lost(err)
          throw err
        })
        containerId = probe.id
        shells = probe.shells
        if (!probe.running) throw notRunning(params.id)
        let command: string[]
        if (params.mode === 'attach') {
          if (!probe.attachable) throw notAttachable(params.id)
          const info = await docker.getContainer(probe.id).inspect()
          command = [info.Path, ...(info.Args ?? [])]
          socket = await attachContainer(docker, probe.id)
        } else {
          if (!params.command && shells.length === 0) throw noShell(params.id)
          const config = execCreateConfig(params, shells[0] ?? null, marker)
          command = config.Cmd
          execId = await createExec(docker, probe.id, config)
          socket = await startExec(docker, execId)
        }
        releaseGauge = trackStream('exec')
        // Closed (or the engine lost) while opening: end what was just started.
        if (phase !== 'opening') return close()
        offEvents = deps.onContainerEvent((e) => {
          if (e.type === 'container' && e.id === containerId && GONE_ON.has(e.action)) containerGone = true
        })
        phase = 'open'
        removeControl = deps.sessions.add(sessionId, {
          input: (data) => {
            if (phase === 'open') socket?.write(Buffer.from(data, 'utf8'))
          },
          resize: (cols, rows) => resize(cols, rows),
        })
        // Engines before API 1.42 ignore ConsoleSize, and attach has none: size the TTY before
        // anyone types (a program asking for the size of a 0×0 TTY fails). The process may not
        // have started yet when the hijacked start answers, so a failed resize is tried again.
        await resizeSoon(() => resize(params.cols, params.rows))
        if (phase !== 'open') return
        emit({ kind: 'started', sessionId, command })
        pump(socket)
      }

      const resize = async (cols: number, rows: number) => {
        const docker = conn.client()
        try {
          if (params.mode === 'attach') await resizeContainer(docker, containerId!, cols, rows)
          else await resizeExec(docker, execId!, cols, rows)
        } catch (err) {
          throw toError(err, params.id)
        }
      }

      /** Ends the exec for good (or detaches), then releases the gauge. */
      const close = () => {
        const s = socket
        socket = null
        if (!s) {
          releaseGauge?.()
          return
        }
        s.removeAllListeners('data')
        // Writes to a socket the engine already closed must not become an unhandled error.
        s.on('error', () => undefined)
        if (params.mode === 'attach' || !execId) {
          if (params.mode === 'attach') s.write(DETACH_KEYS)
          s.end()
          setTimeout(() => s.destroy(), 200).unref?.()
          releaseGauge?.()
          return
        }
        const id = execId
        const closing = endExec(conn, s, { execId: id, containerId: containerId!, marker, shell: shells[0] ?? null }).then((outcome) => {
          releaseGauge?.()
          if (outcome === 'still-running') console.warn(`exec ${id.slice(0, 12)} still runs after its terminal closed: the container has no shell to signal it`)
          deps.onClosed?.(outcome, id)
        })
        deps.track?.(closing)
      }

      start().catch((err: unknown) => {
        if (phase === 'closed') return close()
        fail(err)
        close()
      })

      return () => {
        const wasOpen = phase === 'open' || phase === 'opening'
        phase = 'closed'
        offStatus()
        offEvents?.()
        removeControl?.()
        batcher.dispose()
        // An ended session's process is already gone; an opening one closes once its socket exists.
        if (wasOpen) close()
        else {
          socket?.destroy()
          socket = null
          releaseGauge?.()
        }
      }
    },
  }
}

/** A subscriber that cannot keep up pauses the engine socket; a full batch yields one turn. */
function pace(s: Duplex, full: boolean, flow: Flow | undefined): void {
  if (flow?.congested()) {
    s.pause()
    flow.whenClear(() => s.resume())
  } else if (full) {
    s.pause()
    setImmediate(() => s.resume())
  }
}

async function resizeSoon(resize: () => Promise<void>): Promise<void> {
  for (let i = 0; i < 10; i++) {
    try {
      return await resize()
    } catch {
      await new Promise((r) => setTimeout(r, 20))
    }
  }
}

/** The exit code once the engine has recorded it (it may say Running for a moment after the stream ends). */
async function exitOf(docker: Docker, execId: string): Promise<number | null> {
  for (let i = 0; i < 20; i++) {
    try {
      const s = await inspectExec(docker, execId)
      if (!s.running) return s.exitCode
    } catch (err) {
      if (isUnreachable(err)) throw err
      return null
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return null
}

async function containerState(docker: Docker, id: string): Promise<{ running: boolean; exitCode: number | null }> {
  try {
    const info = await docker.getContainer(id).inspect()
    return { running: info.State?.Running === true, exitCode: info.State?.Running ? null : (info.State?.ExitCode ?? null) }
  } catch (err) {
    if (isUnreachable(err)) throw err
    return { running: false, exitCode: null } // removed
  }
}

function shortRef(ref: string): string {
  return ref.length === 64 ? ref.slice(0, 12) : ref
}

function toError(err: unknown, ref: string): BerthErrorShape {
  return toBerthError(err, { kind: 'container', ref: shortRef(ref) }).toJSON()
}

function notRunning(ref: string): BerthError {
  return new BerthError('CONFLICT', `Container “${shortRef(ref)}” is not running. Start it to open a terminal.`, { reason: 'terminal_container_stopped', ref: shortRef(ref) })
}

function noShell(ref: string): BerthError {
  return new BerthError('NOT_FOUND', `Container “${shortRef(ref)}” has no shell (looked for bash and sh). Run a command of its own instead.`, { reason: 'terminal_no_shell', ref: shortRef(ref) })
}

function notAttachable(ref: string): BerthError {
  return new BerthError('CONFLICT', `Container “${shortRef(ref)}” was not started with a terminal and open input (docker run -it), so there is nothing to attach to. Open a shell instead.`, {
    reason: 'terminal_not_attachable',
    ref: shortRef(ref),
  })
}
