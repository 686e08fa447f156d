import { MARKER_VAR } from './options'

/** What closing a session needs from the engine and the session's socket. */
export interface TerminateDeps {
  /** Writes to the session's TTY. */
  write(data: string): void
  /** Half-closes the socket (stdin EOF) after the writes, then drops it. */
  close(): void
  isRunning(): Promise<boolean>
  /** Signals every process carrying the session's marker; false when the container has no shell to do it. */
  signalMarked(signal: 'HUP' | 'KILL'): Promise<boolean>
  sleep(ms: number): Promise<void>
}

export type TerminateOutcome = 'ended' | 'ended-after-hup' | 'ended-after-kill' | 'still-running'

/** How long each step waits for the engine to report the exec gone. */
const SETTLE_MS = [1000, 1000, 1000]
const POLL_MS = 100

/**
 * Ends an exec so that nothing of it keeps running. The Engine API has no "kill exec", and
 * closing the hijacked connection (even stdin) leaves a shell's foreground program running,
 * so, as a terminal window closing would:
 * 1. the TTY's interrupt (Ctrl+C) stops the foreground program, and after a moment (the
 *    interrupt flushes pending input) EOF (Ctrl+D) ends the shell at its prompt;
 * 2. whatever still runs (a program that ignores both, background jobs) gets SIGHUP, then
 *    SIGKILL: a helper exec finds the session's processes by the marker in their environment.
 */
export async function terminateExec(d: TerminateDeps): Promise<TerminateOutcome> {
  d.write('\x03')
  await d.sleep(60)
  d.write('\x04')
  d.close()
  if (await settled(d, SETTLE_MS[0]!)) return 'ended'
  if ((await d.signalMarked('HUP')) && (await settled(d, SETTLE_MS[1]!))) return 'ended-after-hup'
  if ((await d.signalMarked('KILL')) && (await settled(d, SETTLE_MS[2]!))) return 'ended-after-kill'
  return 'still-running'
}

async function settled(d: TerminateDeps, withinMs: number): Promise<boolean> {
  for (let waited = 0; ; waited += POLL_MS) {
    if (!(await d.isRunning())) return true
    if (waited >= withinMs) return false
    await d.sleep(POLL_MS)
  }
}

/**
 * A POSIX sh script that sends `signal` to every process whose environment holds the marker.
 * `$(cat …)` drops the NUL separators, so the marker may run into the next variable: the
 * pattern matches it as a prefix, and markers are random and of one length.
 */
export function signalMarkedScript(marker: string, signal: 'HUP' | 'KILL'): string {
  if (!/^[A-Za-z0-9]+$/.test(marker)) throw new Error('a marker is letters and digits only')
  return `for p in /proc/[0-9]*; do case "$(cat "$p/environ" 2>/dev/null)" in *${MARKER_VAR}=${marker}*) kill -${signal} "\${p#/proc/}" 2>/dev/null;; esac; done; exit 0`
}
