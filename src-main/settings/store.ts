import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { DEFAULT_PREFERENCES, preferencesSchema } from '../../src-shared/contract/preferences'

// tlsDir: a tcp:// engine's certificate folder (ca.pem, cert.pem, key.pem), as DOCKER_CERT_PATH.
const userEndpoint = z.object({ id: z.string(), name: z.string(), url: z.string(), tlsDir: z.string().optional() })

const settingsSchema = z.object({
  userEndpoints: z.array(userEndpoint).default([]),
  activeEndpointId: z.string().nullable().default(null),
  preferences: preferencesSchema.default(DEFAULT_PREFERENCES),
})

// What is read from disk: each field (each added engine) falls back on its own, so one bad
// value does not wipe every setting. Changes made by Berth itself are checked strictly.
const storedSettings = z.object({
  userEndpoints: z.preprocess((v) => (Array.isArray(v) ? v.filter((e) => userEndpoint.safeParse(e).success) : []), z.array(userEndpoint)),
  activeEndpointId: z.string().nullable().catch(null),
  // A file from before a preference existed lacks it: that one takes its default, the others stay.
  preferences: z.preprocess((v) => (v && typeof v === 'object' ? { ...DEFAULT_PREFERENCES, ...v } : v), preferencesSchema).catch(DEFAULT_PREFERENCES),
})

export type Settings = z.infer<typeof settingsSchema>

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
    const next = settingsSchema.parse(change(structuredClone(this.current)))
    mkdirSync(dirname(this.file), { recursive: true })
    // Write then rename, so a crash mid-write never leaves half a file.
    const tmp = `${this.file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify(next, null, 2), { mode: 0o600 })
    renameSync(tmp, this.file)
    // Only what reached the disk becomes current: a failed write changes nothing.
    this.current = next
    return this.current
  }

  private load(): Settings {
    let text: string
    try {
      text = readFileSync(this.file, 'utf8')
    } catch {
      return settingsSchema.parse({})
    }
    try {
      return storedSettings.parse(JSON.parse(text))
    } catch {
      // Unreadable: start from the defaults, but keep the old file for the person to look at
      // instead of overwriting it with the next change.
      if (existsSync(this.file)) renameSync(this.file, `${this.file}.corrupt`)
      return settingsSchema.parse({})
    }
  }
}
