import type { VolumeRow, VolumeUser } from '../../../src-shared/contract/volumes'

/** The label Berth puts on its short-lived helper containers; they never count as users of a volume. */
export const HELPER_LABEL = 'berth.helper'

/** The engine's volume document (`GET /volumes`, `GET /volumes/{name}`), as far as Berth reads it. */
export interface RawVolume {
  Name: string
  Driver?: string
  Mountpoint?: string
  Scope?: string
  CreatedAt?: string
  Labels?: Record<string, string> | null
  Options?: Record<string, string> | null
  UsageData?: { Size?: number; RefCount?: number } | null
}

/** What Berth reads of a container's list row to know which volumes it uses. */
export interface RawContainerMounts {
  Id: string
  Names?: string[]
  State?: string
  Labels?: Record<string, string> | null
  Mounts?: { Type?: string; Name?: string }[] | null
}

// Newer engines mark the volumes they make for a container with this label.
const ANONYMOUS_LABEL = 'com.docker.volume.anonymous'

/** A volume the engine made for a container (`-v /data`, an image's VOLUME): a 64-hex name, or the engine's own label. */
export function isAnonymousVolume(name: string, labels?: Record<string, string> | null): boolean {
  return /^[0-9a-f]{64}$/.test(name) || (labels != null && ANONYMOUS_LABEL in labels)
}

/** Which containers use which volume, from one `GET /containers/json?all` (Berth's helpers left out). */
export function usersByVolume(containers: readonly RawContainerMounts[]): Map<string, VolumeUser[]> {
  const users = new Map<string, VolumeUser[]>()
  for (const c of containers) {
    if (c.Labels && HELPER_LABEL in c.Labels) continue
    const user: VolumeUser = { id: c.Id, name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''), running: c.State === 'running' }
    for (const m of c.Mounts ?? []) {
      if (m.Type !== 'volume' || !m.Name) continue
      const list = users.get(m.Name) ?? []
      if (!list.some((u) => u.id === c.Id)) list.push(user)
      users.set(m.Name, list)
    }
  }
  for (const list of users.values()) list.sort((a, b) => a.name.localeCompare(b.name))
  return users
}

/** Bytes a disk-usage answer gives for a volume; null for the engine's -1 ("unknown") or nothing. */
export function usageSize(raw: RawVolume): number | null {
  const size = raw.UsageData?.Size
  return typeof size === 'number' && size >= 0 ? size : null
}

export function toVolumeRow(raw: RawVolume, size: number | null, usedBy: VolumeUser[]): VolumeRow {
  const created = raw.CreatedAt ? Date.parse(raw.CreatedAt) : NaN
  return {
    name: raw.Name,
    driver: raw.Driver ?? 'local',
    mountpoint: raw.Mountpoint ?? '',
    scope: raw.Scope ?? 'local',
    created: Number.isNaN(created) ? null : created,
    labels: raw.Labels ?? {},
    options: raw.Options ?? {},
    size,
    usedBy,
    anonymous: isAnonymousVolume(raw.Name, raw.Labels),
  }
}
