import type { DomainChannels } from '../../channels/types'
import type { RunService } from './service'

export function runChannels({ run }: { run: RunService }): DomainChannels<'run'> {
  return {
    requests: {
      'run:start': (p) => run.run(p),
    },
    topics: {},
  }
}
