import type { EngineEvent } from '../../../src-shared/contract/events'
import type { VolumePatch } from '../../../src-shared/contract/volumes'
import type { Disposer } from '../../streams/disposable'
import type { StreamSource } from '../../streams/registry'
import { usersByVolume, type RawContainerMounts } from './rows'
import type { VolumeService } from './service'

/** Events gather this long before the affected rows are read again. */
const BATCH_MS = 50
// Container actions that can change which volumes are in use (a rename changes the name shown).
const CONTAINER_ACTIONS = new Set(['create', 'destroy', 'rename'])

/** Whether an event can change a volume row. */
export function touchesVolumes(e: EngineEvent): boolean {
  return e.type === 'volume' || (e.type === 'container' && CONTAINER_ACTIONS.has(e.action))
}

/** Volumes whose users differ between two readings (who uses what, by container id and name). */
export function changedUsers(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = []
  for (const [name, users] of after) if (before.get(name) !== users) out.push(name)
  for (const name of before.keys()) if (!after.has(name)) out.push(name)
  return out
}

function userKeys(containers: readonly RawContainerMounts[]): Map<string, string> {
  const keys = new Map<string, string>()
  for (const [name, users] of usersByVolume(containers)) keys.set(name, users.map((u) => `${u.id}:${u.name}`).join(','))
  return keys
}

/**
 * The `volumes:changes` topic: rides the one shared engine event stream (no polling). A volume
 * event names its volume; a container created, removed or renamed changes the users of the
 * volumes it mounts, found by comparing who uses what before and after. Only those rows are
 * read again (an inspect each), sizes kept from the last disk-usage read.
 */
export function volumeChangesSource(service: VolumeService, onEngineEvent: (l: (e: EngineEvent) => void) => Disposer): StreamSource<VolumePatch[]> {
  return {
    open(emit) {
      let closed = false
      let pending: EngineEvent[] = []
      let timer: ReturnType<typeof setTimeout> | null = null
      let known: Map<string, string> | null = null
      let chain: Promise<void> = service.containerMounts().then(
        (c) => void (known = userKeys(c)),
        () => undefined,
      )

      const flush = () => {
        timer = null
        const batch = pending
        pending = []
        chain = chain.then(async () => {
          if (closed) return
          const names = new Set(batch.filter((e) => e.type === 'volume').map((e) => e.id))
          try {
            let containers: RawContainerMounts[] | undefined
            if (batch.some((e) => e.type === 'container')) {
              containers = await service.containerMounts()
              const now = userKeys(containers)
              // Without an earlier reading, every volume someone uses now is read again.
              for (const n of changedUsers(known ?? new Map(), now)) names.add(n)
              known = now
            }
            if (names.size === 0 || closed) return
            const rows = await service.rows([...names], containers)
            if (!closed) emit([...rows].map(([name, row]) => ({ name, row })))
          } catch {
            // The engine went away: the renderer lists again after the reconnect.
          }
        })
      }

      const off = onEngineEvent((e) => {
        if (!touchesVolumes(e)) return
        pending.push(e)
        timer ??= setTimeout(flush, BATCH_MS)
      })
      return () => {
        closed = true
        off()
        if (timer) clearTimeout(timer)
      }
    },
  }
}
