/** Breadcrumbs of an absolute container path: `/`, then each folder down to the path itself. */
export function crumbsOf(path: string): { name: string; path: string }[] {
  const parts = path.split('/').filter(Boolean)
  return [{ name: '/', path: '/' }, ...parts.map((name, i) => ({ name, path: `/${parts.slice(0, i + 1).join('/')}` }))]
}

export function parentOf(path: string): string {
  const parts = path.split('/').filter(Boolean)
  return parts.length <= 1 ? '/' : `/${parts.slice(0, -1).join('/')}`
}

export function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`
}

/** The tab's path from the URL (`?path=`): absolute and without `.`/`..`, or the root. */
export function safePath(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.startsWith('/')) return '/'
  const parts = raw.split('/').filter(Boolean)
  if (parts.some((p) => p === '.' || p === '..' || p.includes('\0'))) return '/'
  return `/${parts.join('/')}`
}
