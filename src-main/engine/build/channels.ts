import { defineDomain } from '../../channels/domain'
import type { DomainChannels } from '../../channels/types'
import type { ServicesHost } from '../../exports/host'
import type { EngineConnection } from '../connection'
import { BuildService } from './service'

export function buildChannels({ build, host }: { build: BuildService; host: ServicesHost }): DomainChannels<'build'> {
  return {
    requests: {
      // Browser mode has no folder dialog: the page asks for a typed path instead.
      'build:pick-folder': async () => {
        if (host.kind !== 'dialogs') return { kind: 'unavailable' }
        const path = await host.folders.pickFolder()
        return path ? { kind: 'picked', path } : { kind: 'cancelled' }
      },
    },
    topics: {
      // Every subscription is its own build (a fresh key); the last one leaving cancels it.
      'build:run': (p) => ({ key: build.newBuildKey(), source: () => build.source(p) }),
    },
  }
}

export const buildDomain = defineDomain({
  name: 'build',
  create: ({ connection, host }: { connection: EngineConnection; host: ServicesHost }) => {
    const build = new BuildService(connection)
    return { service: build, channels: buildChannels({ build, host }) }
  },
})
