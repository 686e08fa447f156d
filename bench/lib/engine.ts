import Docker from 'dockerode'

export const IMAGE = 'berth-test/busybox:latest'

/** The engine the benchmarks use: $DOCKER_HOST when it is a unix socket, else the default socket. */
export function engineUrl(): string {
  const host = process.env.DOCKER_HOST
  return host?.startsWith('unix://') ? host : 'unix:///var/run/docker.sock'
}

export const docker = new Docker({ socketPath: engineUrl().slice('unix://'.length) })

async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))))
  return out
}

/** Creates containers (not started) in parallel batches; returns their ids in order. */
export async function createContainers(names: string[], labels: Record<string, string>, cmd: string[], batch = 20): Promise<string[]> {
  return inBatches(names, batch, async (name) => {
    const c = await docker.createContainer({ Image: IMAGE, name, Cmd: cmd, Labels: labels, HostConfig: { NetworkMode: 'none' } })
    return c.id
  })
}

export async function startContainers(ids: string[], batch = 10): Promise<void> {
  await inBatches(ids, batch, (id) => docker.getContainer(id).start())
}

/** Removes (forcefully) every container carrying `berth.bench=<id>`, and nothing else. */
export async function removeLabelled(benchId: string, batch = 20): Promise<number> {
  const mine = await docker.listContainers({ all: true, filters: { label: [`berth.bench=${benchId}`] } })
  await inBatches(mine, batch, async (c) => {
    try {
      await docker.getContainer(c.Id).remove({ force: true })
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err
    }
  })
  return mine.length
}

export async function engineVersion(): Promise<string> {
  const v = await docker.version()
  return `${v.Version} (API ${v.ApiVersion})`
}
