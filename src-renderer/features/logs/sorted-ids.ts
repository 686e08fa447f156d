/** Position of `id` in an ascending list of line ids, or -1 (binary search). */
export function indexOfSorted(sorted: readonly number[], id: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as number) < id) lo = mid + 1
    else hi = mid
  }
  return sorted[lo] === id ? lo : -1
}
