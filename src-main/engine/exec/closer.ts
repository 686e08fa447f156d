import type { Duplex } from 'node:stream'
import type { EngineConnection } from '../connection'
import { inspectExec, runHelper } from './engine-exec'
import { signalMarkedScript, terminateExec, type TerminateOutcome } from './terminate'

/** What Berth knows about an exec that must not outlive its terminal. */
export interface ExecToEnd {
  execId: string
  containerId: string
  /** The session's marker in its processes' environment. */
  marker: string
  /** A shell in the container for the helper that signals them; null when it has none. */
  shell: string | null
}

/** Sends `signal` to the exec's marked processes through a helper exec; false when that cannot run. */
async function signalMarked(conn: EngineConnection, e: ExecToEnd, signal: 'HUP' | 'KILL'): Promise<boolean> {
  if (!e.shell) return false
  try {
    await runHelper(conn.client(), e.containerId, [e.shell, '-c', signalMarkedScript(e.marker, signal)])
    return true
  } catch {
    return false
  }
}

/** Whether the engine still runs the exec; unreachable or gone counts as not (nothing Berth can reach runs). */
async function stillRuns(conn: EngineConnection, execId: string): Promise<boolean> {
  try {
    return (await inspectExec(conn.client(), execId)).running
  } catch {
    return false
  }
}

/** Ends a live session's exec through its TTY first, then by signals (see terminate.ts). */
export function endExec(conn: EngineConnection, socket: Duplex, e: ExecToEnd): Promise<TerminateOutcome> {
  return terminateExec({
    write: (data) => socket.write(data),
    close: () => {
      socket.end()
      setTimeout(() => socket.destroy(), 200).unref?.()
    },
    isRunning: () => stillRuns(conn, e.execId),
    signalMarked: (signal) => signalMarked(conn, e, signal),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  }).finally(() => socket.destroy())
}

/** Ends an exec whose socket is gone (its terminal lost the engine): hang-up, then kill. */
export async function reapExec(conn: EngineConnection, e: ExecToEnd): Promise<void> {
  for (const signal of ['HUP', 'KILL'] as const) {
    if (!(await stillRuns(conn, e.execId))) return
    if (!(await signalMarked(conn, e, signal))) return
    await new Promise((r) => setTimeout(r, 300))
  }
}
