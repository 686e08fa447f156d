import type Docker from 'dockerode'
import type { RunResult } from '../../../src-shared/contract/run'
import type { EngineConnection } from '../connection'
import { isUnreachable } from '../errors'
import { createOptions, type RunRequest } from './create-options'
import { createError, startError } from './run-errors'

/** `docker run -d` through the Engine API: create, start, and on a failed start remove what was created. */
export class RunService {
  constructor(private readonly conn: EngineConnection) {}

  async run(p: RunRequest): Promise<RunResult> {
    const docker = this.conn.client()
    let created: { id: string; warnings: string[] }
    try {
      created = await createContainer(docker, createOptions(p))
    } catch (err) {
      if (isUnreachable(err)) this.conn.lost(err)
      throw createError(err, p.image, p.name)
    }
    try {
      await docker.getContainer(created.id).start()
    } catch (err) {
      if (isUnreachable(err)) {
        this.conn.lost(err)
        throw startError(err)
      }
      // Nothing half-made is left behind: the container (and its anonymous volumes) goes.
      await removeQuietly(docker, created.id)
      throw startError(err)
    }
    return created
  }
}

// dockerode's createContainer hides the engine's Warnings; the modem call returns the body whole.
function createContainer(docker: Docker, options: Docker.ContainerCreateOptions): Promise<{ id: string; warnings: string[] }> {
  const { name, ...body } = options
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: '/containers/create?',
        method: 'POST',
        options: { _query: name ? { name } : {}, _body: body },
        statusCodes: { 200: true, 201: true, 400: 'bad parameter', 404: 'no such image', 409: 'conflict', 500: 'server error' },
      },
      (err: unknown, data: unknown) => {
        if (err) return reject(err)
        const d = (data ?? {}) as { Id?: string; Warnings?: string[] | null }
        if (!d.Id) return reject(new Error('The engine created a container but did not say its id.'))
        resolve({ id: d.Id, warnings: d.Warnings ?? [] })
      },
    )
  })
}

async function removeQuietly(docker: Docker, id: string): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force: true, v: true })
  } catch (err) {
    // Already gone (auto-remove got there first) or being removed: either way nothing is left.
    const code = (err as { statusCode?: number }).statusCode
    if (code !== 404 && code !== 409) throw err
  }
}
