import { defineDomain } from '../../channels/domain'
import type { DomainChannels } from '../../channels/types'
import type { EngineConnection } from '../connection'
import { RunService } from './service'

export function runChannels({ run }: { run: RunService }): DomainChannels<'run'> {
  return {
    requests: {
      'run:start': (p) => run.run(p),
    },
    topics: {},
  }
}

export const runDomain = defineDomain({
  name: 'run',
  create: ({ connection }: { connection: EngineConnection }) => {
    const run = new RunService(connection)
    return { service: run, channels: runChannels({ run }) }
  },
})
