import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { DEFAULT_PREFERENCES, preferencesSchema } from '../../src-shared/contract/preferences'

const userEndpoint = z.object({ id: z.string(), name: z.string(), url: z.string() })

const settingsSchema = z.object({
  userEndpoints: z.array(userEndpoint).default([]),
  activeEndpointId: z.string().nullable().default(null),
  // A bad stored preference falls back to the default instead of losing every setting.
  preferences: z.preprocess((v) => (preferencesSchema.safeParse(v).success ? v : DEFAULT_PREFERENCES), preferencesSchema),
})

export type Settings = z.infer<typeof settingsSchema>
export type UserEndpoint = z.infer<typeof userEndpoint>

/** Settings main keeps for itself (engine choice), persisted as JSON in the config folder. */
export class SettingsStore {
  private readonly file: string
  private current: Settings

  constructor(configDir: string) {
    this.file = join(configDir, 'settings.json')
    this.current = this.load()
  }

  get(): Settings {
    return this.current
  }

  update(change: (s: Settings) => Settings): Settings {
    this.current = settingsSchema.parse(change(structuredClone(this.current)))
    mkdirSync(dirname(this.file), { recursive: true })
    // Write then rename, so a crash mid-write never leaves half a file.
    const tmp = `${this.file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify(this.current, null, 2), { mode: 0o600 })
    renameSync(tmp, this.file)
    return this.current
  }

  private load(): Settings {
    try {
      return settingsSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')))
    } catch {
      return settingsSchema.parse({})
    }
  }
}
