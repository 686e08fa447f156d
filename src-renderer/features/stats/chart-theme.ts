/** Colours the charts draw with, read from the theme's CSS variables (canvas cannot use var()). */
export interface ChartTheme {
  text: string
  grid: string
  tooltipBg: string
  tooltipText: string
  font: string
  color(cssVar: string): string
}

export function readChartTheme(el: Element = document.documentElement): ChartTheme {
  const style = getComputedStyle(el)
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  return {
    text: v('--text-muted', '#5b6475'),
    grid: v('--border', '#d9dde4'),
    tooltipBg: v('--bg-raised', '#ffffff'),
    tooltipText: v('--text', '#1c2330'),
    font: v('--font-ui', 'sans-serif'),
    color: (cssVar) => v(cssVar, '#888888'),
  }
}

/**
 * A time-axis label counted back from the newest sample: "now", "−30s", "−5m" (narrow units in the
 * UI language, so no date library is needed).
 */
export function relativeTick(offsetMs: number, locale: string, now: string): string {
  const sec = Math.round(Math.abs(offsetMs) / 1000)
  if (sec === 0) return now
  const [value, unit] = sec % 60 === 0 ? [sec / 60, 'minute'] : [sec, 'second']
  return `−${new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' }).format(value)}`
}
