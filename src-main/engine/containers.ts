import type Docker from 'dockerode'
import type { ContainerInspect, ContainerRow } from '../../src-shared/contract/containers'
import type { EngineConnection } from './connection'
import { toContainerRow } from './container-row'
import { subject } from './subject'

type Action = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill'

/** Containers on the active engine: list, read one, act on one. */
export class ContainerService {
  constructor(private readonly conn: EngineConnection) {}

  async list(): Promise<ContainerRow[]> {
    const all = await this.conn.run((d) => d.listContainers({ all: true }))
    return all.map(toContainerRow)
  }

  /** Rows for the given full ids; ids that no longer exist are absent from the map. */
  async rows(ids: string[]): Promise<Map<string, ContainerRow>> {
    if (ids.length === 0) return new Map()
    const found = await this.conn.run((d) => d.listContainers({ all: true, filters: { id: ids } }))
    // The id filter matches prefixes; keep exact ids only.
    const wanted = new Set(ids)
    return new Map(found.filter((c) => wanted.has(c.Id)).map((c) => [c.Id, toContainerRow(c)]))
  }

  inspect(id: string): Promise<ContainerInspect> {
    return this.conn.run(async (d) => (await d.getContainer(id).inspect()) as unknown as ContainerInspect, subject('container', id))
  }

  act(id: string, action: Action, opts: { timeoutSeconds?: number; signal?: string } = {}): Promise<void> {
    return this.conn.run(
      async (d) => {
        const c = d.getContainer(id)
        try {
          await run(c, action, opts)
        } catch (err) {
          // 304: already started / already stopped. The user's wish holds, so it is not an error.
          if ((err as { statusCode?: number }).statusCode === 304) return
          throw err
        }
      },
      subject('container', id),
    )
  }

  remove(id: string, force: boolean, volumes: boolean): Promise<void> {
    return this.conn.run(
      async (d) => {
        await d.getContainer(id).remove({ force, v: volumes })
      },
      subject('container', id),
    )
  }
}

async function run(c: Docker.Container, action: Action, opts: { timeoutSeconds?: number; signal?: string }): Promise<void> {
  switch (action) {
    case 'start':
      await c.start()
      return
    case 'stop':
      await c.stop(opts.timeoutSeconds !== undefined ? { t: opts.timeoutSeconds } : {})
      return
    case 'restart':
      await c.restart()
      return
    case 'pause':
      await c.pause()
      return
    case 'unpause':
      await c.unpause()
      return
    case 'kill':
      await c.kill(opts.signal ? { signal: opts.signal } : {})
      return
  }
}
