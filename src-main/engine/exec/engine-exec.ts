import type { Duplex } from 'node:stream'
import type Docker from 'dockerode'
import type { ExecCreateConfig } from './options'

// The Engine API calls a terminal needs, and nothing else. A TTY's output is raw bytes (no
// 8-byte frame headers), so the hijacked socket is the terminal's byte stream both ways.

export async function createExec(docker: Docker, containerId: string, config: ExecCreateConfig): Promise<string> {
  const exec = await docker.getContainer(containerId).exec(config)
  return exec.id
}

/** `POST /exec/{id}/start` hijacked: the returned socket carries keystrokes in and output out. */
export async function startExec(docker: Docker, execId: string): Promise<Duplex> {
  return (await docker.getExec(execId).start({ hijack: true, stdin: true, Detach: false, Tty: true })) as Duplex
}

export async function resizeExec(docker: Docker, execId: string, cols: number, rows: number): Promise<void> {
  await docker.getExec(execId).resize({ h: rows, w: cols })
}

export interface ExecState {
  running: boolean
  exitCode: number | null
}

export async function inspectExec(docker: Docker, execId: string): Promise<ExecState> {
  const info = await docker.getExec(execId).inspect()
  return { running: info.Running === true, exitCode: typeof info.ExitCode === 'number' ? info.ExitCode : null }
}

/** `POST /containers/{id}/attach` hijacked, with stdin: the container's own TTY (started with -it). */
export async function attachContainer(docker: Docker, containerId: string): Promise<Duplex> {
  return (await docker.getContainer(containerId).attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as Duplex
}

export async function resizeContainer(docker: Docker, containerId: string, cols: number, rows: number): Promise<void> {
  await docker.getContainer(containerId).resize({ h: rows, w: cols })
}

/**
 * Runs a short non-interactive command as root and waits for it to end (no TTY, output
 * discarded). Used only to signal a session's leftover processes.
 */
export async function runHelper(docker: Docker, containerId: string, cmd: string[]): Promise<number | null> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: cmd, User: '0', AttachStdout: true, AttachStderr: true, Tty: false })
  const stream = (await exec.start({ Detach: false, Tty: false })) as Duplex
  await new Promise<void>((resolve) => {
    stream.on('end', resolve)
    stream.on('close', resolve)
    stream.on('error', () => resolve())
    stream.resume()
  })
  return (await inspectExec(docker, exec.id)).exitCode
}
