/** Bytes as a person reads them (binary units, like the docker CLI). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—'
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2
  return `${value.toFixed(digits).replace(/\.0+$|(\.\d*[1-9])0+$/, '$1')} ${units[unit]}`
}

export type Ago = { key: 'justNow' } | { key: 'secondsAgo' | 'minutesAgo' | 'hoursAgo' | 'daysAgo' | 'monthsAgo' | 'yearsAgo'; n: number }

/** How long ago `thenMs` was, as a message key and a count. */
export function timeAgo(thenMs: number, nowMs: number): Ago {
  const s = Math.max(0, Math.floor((nowMs - thenMs) / 1000))
  if (s < 5) return { key: 'justNow' }
  if (s < 60) return { key: 'secondsAgo', n: s }
  const m = Math.floor(s / 60)
  if (m < 60) return { key: 'minutesAgo', n: m }
  const h = Math.floor(m / 60)
  if (h < 24) return { key: 'hoursAgo', n: h }
  const d = Math.floor(h / 24)
  if (d < 30) return { key: 'daysAgo', n: d }
  if (d < 365) return { key: 'monthsAgo', n: Math.floor(d / 30) }
  return { key: 'yearsAgo', n: Math.floor(d / 365) }
}

/** The engine's zero time ("0001-01-01T00:00:00Z") means "never". */
export function engineTime(iso: string | undefined | null): number | null {
  if (!iso || iso.startsWith('0001-')) return null
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : t
}

/** A rate in bytes per second, in the same units as formatBytes. */
export function formatBytesPerSec(bytesPerSec: number): string {
  const size = formatBytes(bytesPerSec)
  return size === '—' ? size : `${size}/s`
}

/** A percentage with the precision a glance needs: 0.42%, 12.3%, 150%. */
export function formatPercent(percent: number): string {
  if (!Number.isFinite(percent)) return '—'
  const abs = Math.abs(percent)
  const digits = abs >= 100 || abs === 0 ? 0 : abs >= 10 ? 1 : 2
  return `${percent.toFixed(digits).replace(/\.0+$|(\.\d*[1-9])0+$/, '$1')}%`
}
