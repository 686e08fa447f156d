export interface Candidate {
  id: string
  /** A view that shows this container every second (its Stats tab, a visible list row) wants a stream. */
  wantsStream: boolean
}

/**
 * Which running containers get one of the `max` engine stats streams; the rest are sampled in
 * rotation with one-shot requests. Candidates come in the order they were first watched.
 * Containers that hold a stream keep it unless one that wants a stream needs the slot, so a
 * shifting list does not churn streams.
 */
export function allocateStreams(candidates: Candidate[], current: ReadonlySet<string>, max: number): Set<string> {
  const byId = new Map(candidates.map((c) => [c.id, c]))
  const streams = new Set([...current].filter((id) => byId.has(id)))
  // More than allowed (the cap went down): drop the ones that want it least, newest first.
  for (const id of [...streams].reverse()) {
    if (streams.size <= max) break
    if (!byId.get(id)!.wantsStream) streams.delete(id)
  }
  for (const id of [...streams].reverse()) {
    if (streams.size <= max) break
    streams.delete(id)
  }
  for (const c of candidates) {
    if (!c.wantsStream || streams.has(c.id)) continue
    if (streams.size < max) {
      streams.add(c.id)
      continue
    }
    // Take the slot of the newest holder that only an overview watches.
    const demoted = [...streams].reverse().find((id) => !byId.get(id)!.wantsStream)
    if (demoted === undefined) break
    streams.delete(demoted)
    streams.add(c.id)
  }
  for (const c of candidates) {
    if (streams.size >= max) break
    streams.add(c.id)
  }
  return streams
}
