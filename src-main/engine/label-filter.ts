/**
 * `key` or `key=value`, as the engine's `--filter label=…` takes it. Only the object's own labels
 * count: a filter named like an inherited property (`constructor`, `toString`) matches nothing
 * but a label of that name, as in the engine.
 */
export function matchesLabelFilter(labels: Readonly<Record<string, string>> | null | undefined, filter: string): boolean {
  if (!labels) return false
  const eq = filter.indexOf('=')
  const key = eq < 0 ? filter : filter.slice(0, eq)
  if (!Object.hasOwn(labels, key)) return false
  return eq < 0 || labels[key] === filter.slice(eq + 1)
}
