import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { credentialKey, displayHost } from './hosts'

/** Registries added in Berth (to browse, or logged in to here), kept in Berth's config folder. */
export class KnownRegistries {
  private readonly file: string
  private current: string[]

  constructor(configDir: string) {
    this.file = join(configDir, 'registries.json')
    this.current = this.load()
  }

  all(): string[] {
    return [...this.current]
  }

  has(registry: string): boolean {
    return this.current.includes(displayHost(credentialKey(registry)))
  }

  add(registry: string): void {
    const name = displayHost(credentialKey(registry))
    if (!this.current.includes(name)) this.save([...this.current, name])
  }

  remove(registry: string): boolean {
    const name = displayHost(credentialKey(registry))
    if (!this.current.includes(name)) return false
    this.save(this.current.filter((r) => r !== name))
    return true
  }

  private save(next: string[]): void {
    mkdirSync(dirname(this.file), { recursive: true })
    const tmp = `${this.file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify({ registries: next }, null, 2), { mode: 0o600 })
    renameSync(tmp, this.file)
    this.current = next
  }

  private load(): string[] {
    try {
      const doc = JSON.parse(readFileSync(this.file, 'utf8')) as { registries?: unknown }
      return Array.isArray(doc.registries) ? doc.registries.filter((r): r is string => typeof r === 'string') : []
    } catch {
      return []
    }
  }
}
