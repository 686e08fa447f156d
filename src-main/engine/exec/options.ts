/** What a person chose when opening a terminal (already validated by the contract). */
export interface TerminalOptions {
  /** argv to run; absent: the best shell the container has. */
  command?: string[]
  user?: string
  workdir?: string
  cols: number
  rows: number
}

/** The body of `POST /containers/{id}/exec`. */
export interface ExecCreateConfig {
  Cmd: string[]
  Tty: true
  AttachStdin: true
  AttachStdout: true
  AttachStderr: true
  Env: string[]
  User?: string
  WorkingDir?: string
  /** [height, width]; engines before API 1.42 ignore it, so the session also resizes after start. */
  ConsoleSize: [number, number]
}

/** The environment variable that marks every process of one session (see terminate.ts). */
export const MARKER_VAR = 'BERTH_TERMINAL'

/**
 * Maps the options to an exec: the given argv, or the shell found by the probe; a TTY with
 * stdin attached; `TERM` set for xterm.js's capabilities; the session's marker in the
 * environment (inherited by its children, so closing can find them all).
 */
export function execCreateConfig(options: TerminalOptions, shell: string | null, marker: string): ExecCreateConfig {
  const cmd = options.command ?? (shell ? [shell] : null)
  if (!cmd) throw new Error('execCreateConfig needs a command or a shell')
  return {
    Cmd: cmd,
    Tty: true,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Env: ['TERM=xterm-256color', `${MARKER_VAR}=${marker}`],
    ...(options.user ? { User: options.user } : {}),
    ...(options.workdir ? { WorkingDir: options.workdir } : {}),
    ConsoleSize: [options.rows, options.cols],
  }
}
