import { expect, vi } from 'vitest'
import type { ExecMessage } from '../../src-shared/contract/exec'
import type { BerthErrorShape } from '../../src-shared/contract/errors'
import type { Router } from '../../src-main/transport/router'
import { dockerCli, engine, type FakeRenderer } from './engine'

export const BASH_IMAGE = 'berth-test/busybox-bash:latest'

/** berth-test/busybox plus /bin/bash (a link to busybox's sh), so the probe has a bash to find. Idempotent. */
export async function ensureBashImage(): Promise<void> {
  try {
    await engine.getImage(BASH_IMAGE).inspect()
    return
  } catch {
    /* build it below */
  }
  const name = `berth-bash-image-${process.pid}`
  await dockerCli('run', '--name', name, '--label', 'berth.test=bash-image', 'berth-test/busybox', 'ln', '-s', 'busybox', '/bin/bash')
  try {
    await dockerCli('commit', '--change', 'CMD ["sh"]', name, BASH_IMAGE)
  } finally {
    await dockerCli('rm', '-f', name)
  }
}

/** One terminal session seen from a fake renderer: its text so far, its id, its end. */
export class TerminalProbe {
  constructor(
    readonly router: Router,
    readonly r: FakeRenderer,
    readonly sub: string,
  ) {}

  messages(): ExecMessage[] {
    return this.r.messagesOf<ExecMessage>(this.sub)
  }

  text(): string {
    return this.messages()
      .flatMap((m) => (m.kind === 'output' ? [m.data] : []))
      .join('')
  }

  async sessionId(): Promise<string> {
    await vi.waitFor(() => expect(this.messages()[0]?.kind).toBe('started'), { timeout: 10_000 })
    return (this.messages()[0] as Extract<ExecMessage, { kind: 'started' }>).sessionId
  }

  async type(data: string): Promise<void> {
    const out = await this.router.invoke('exec:input', { sessionId: await this.sessionId(), data })
    expect(out.ok, JSON.stringify(out)).toBe(true)
  }

  async resize(cols: number, rows: number): Promise<void> {
    const out = await this.router.invoke('exec:resize', { sessionId: await this.sessionId(), cols, rows })
    expect(out.ok).toBe(true)
  }

  /** Waits until the output after `from` characters matches. */
  async waitFor(pattern: RegExp, from = 0, timeout = 10_000): Promise<RegExpMatchArray> {
    let m: RegExpMatchArray | null = null
    await vi.waitFor(
      () => {
        m = this.text().slice(from).match(pattern)
        expect(m, `output so far: ${JSON.stringify(this.text().slice(-400))}`).not.toBeNull()
      },
      { timeout, interval: 20 },
    )
    return m!
  }

  ended(): Extract<ExecMessage, { kind: 'ended' }> | undefined {
    return this.messages().find((m): m is Extract<ExecMessage, { kind: 'ended' }> => m.kind === 'ended')
  }

  end(): { error?: BerthErrorShape } | undefined {
    return this.r.ends.find((e) => e.sub === this.sub)
  }

  unsubscribe(): void {
    this.router.unsubscribe(this.r.session, this.sub)
  }
}

/** The exec ids the engine knows for a container (inspect lists them while they exist). */
export async function execIdsOf(containerId: string): Promise<string[]> {
  return (await engine.getContainer(containerId).inspect()).ExecIDs ?? []
}

export async function runningExecs(containerId: string): Promise<string[]> {
  const running: string[] = []
  for (const id of await execIdsOf(containerId)) {
    const info = await engine.getExec(id).inspect()
    if (info.Running) running.push(id)
  }
  return running
}
