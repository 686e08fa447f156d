// Counts engine-side streams (HTTP responses held open against the engine) by kind,
// so tests and the leak check can assert that closing a view closes its stream.
const open = new Map<string, number>()

export function trackStream(kind: string): () => void {
  open.set(kind, (open.get(kind) ?? 0) + 1)
  let released = false
  return () => {
    if (released) return
    released = true
    open.set(kind, (open.get(kind) ?? 1) - 1)
  }
}

export function openEngineStreams(kind: string): number {
  return open.get(kind) ?? 0
}
