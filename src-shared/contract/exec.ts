import { z } from 'zod'
import { objectRef } from './common'
import { request, topic } from './define'

/** Which shells a container can start, for the terminal's "not available" states. */
export interface ShellProbe {
  running: boolean
  /** Absolute paths found in the container, best first (bash, then sh, …). Empty: no shell. */
  shells: string[]
  /** Whether the container was started with a TTY and open stdin (`-it`), so attach makes sense. */
  attachable: boolean
}

export type ExecEndReason =
  /** The process ended by itself (`exit`, Ctrl+D). */
  | 'exited'
  /** The container stopped or was removed under the session. */
  | 'container-stopped'
  /** The connection to the engine was lost. */
  | 'engine-lost'

export type ExecMessage =
  /** First message. `sessionId` is the capability for exec:input/exec:resize; only this subscriber learns it. */
  | { kind: 'started'; sessionId: string; command: string[] }
  /** Terminal output, decoded as UTF-8 (a character split across chunks is held until complete). */
  | { kind: 'output'; data: string }
  | { kind: 'ended'; reason: ExecEndReason; exitCode: number | null }

const size = { cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(500) }
const sessionId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be a terminal session id')
// A command as argv: no empty words, no NUL; the engine runs it without a shell.
const argv = z
  .array(
    z
      .string()
      .min(1)
      .max(4096)
      .regex(/^[^\0]*$/),
  )
  .min(1)
  .max(64)

export const execRequests = {
  /** Whether the container runs and which shells it has (bash, sh). */
  'exec:probe': request<ShellProbe>()(z.strictObject({ id: objectRef })),
  /** Keystrokes and pasted text for a session. */
  'exec:input': request<void>()(
    z.strictObject({
      sessionId,
      data: z
        .string()
        .min(1)
        .max(64 * 1024),
    }),
  ),
  /** The terminal's new size; the TTY follows (`stty size` inside shows it). */
  'exec:resize': request<void>()(z.strictObject({ sessionId, ...size })),
}

export const execTopics = {
  /**
   * A terminal: `exec` starts a new process (the shell found by exec:probe, or `command`) with a TTY;
   * `attach` joins the container's own TTY (started with -it) and detaching leaves it running.
   * Each subscription is its own session; unsubscribing ends it and leaves nothing running.
   */
  'exec:session': topic<ExecMessage>()(
    z.strictObject({
      id: objectRef,
      mode: z.enum(['exec', 'attach']).default('exec'),
      command: argv.optional(),
      user: z
        .string()
        .trim()
        .max(64)
        .regex(/^[A-Za-z0-9_.-]*(:[A-Za-z0-9_.-]+)?$/, 'must be a user or uid[:group]')
        .optional(),
      workdir: z
        .string()
        .max(1024)
        .regex(/^\/[^\0]*$/, 'must be an absolute path')
        .optional(),
      ...size,
    }),
  ),
}
