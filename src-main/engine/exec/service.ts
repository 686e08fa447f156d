import type { ExecMessage, ShellProbe } from '../../../src-shared/contract/exec'
import type { EngineEvent } from '../../../src-shared/contract/events'
import type { Disposer } from '../../streams/disposable'
import type { StreamSource } from '../../streams/registry'
import type { EngineConnection } from '../connection'
import { reapExec, type ExecToEnd } from './closer'
import { probeShells } from './probe'
import { execSessionSource, type ExecSessionParams } from './session'
import { SessionTable } from './sessions'

export interface ExecServiceDeps {
  conn: EngineConnection
  onContainerEvent(listener: (e: EngineEvent) => void): Disposer
}

/** Terminals: probing for shells, sessions as stream sources, and their input and size. */
export class ExecService {
  readonly sessions = new SessionTable()
  private readonly closing = new Set<Promise<unknown>>()

  private orphans: ExecToEnd[] = []

  constructor(private readonly deps: ExecServiceDeps) {
    deps.conn.onStatus((s) => {
      if (s.state === 'connected' && this.orphans.length > 0) this.track(this.reapOrphans())
    })
  }

  async probe(ref: string): Promise<ShellProbe> {
    const { running, shells, attachable } = await this.deps.conn.run((d) => probeShells(d, ref), { kind: 'container', ref: ref.length === 64 ? ref.slice(0, 12) : ref })
    return { running, shells, attachable }
  }

  /** A new session id: every subscription is its own session (its registry key holds the id). */
  newSessionId(): string {
    return SessionTable.newId()
  }

  source(params: ExecSessionParams, sessionId: string): StreamSource<ExecMessage> {
    return execSessionSource(
      {
        conn: this.deps.conn,
        sessions: this.sessions,
        onContainerEvent: this.deps.onContainerEvent,
        track: (p) => this.track(p),
        orphan: (o) => this.orphans.push(o),
      },
      params,
      sessionId,
    )
  }

  input(sessionId: string, data: string): void {
    this.sessions.get(sessionId).input(data)
  }

  resize(sessionId: string, cols: number, rows: number): Promise<void> {
    return this.sessions.get(sessionId).resize(cols, rows)
  }

  /** Execs whose terminal lost the engine: hung up, then killed, through a helper exec. */
  private async reapOrphans(): Promise<void> {
    const orphans = this.orphans
    this.orphans = []
    for (const o of orphans) await reapExec(this.deps.conn, o)
  }

  private track(p: Promise<unknown>): void {
    this.closing.add(p)
    void p.finally(() => this.closing.delete(p))
  }

  /** Resolves once every closed session's exec has been confirmed gone (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.closing.size > 0) await Promise.allSettled([...this.closing])
  }
}
