import { defineDomain } from '../channels/domain'
import type { DomainChannels } from '../channels/types'
import type { SettingsStore } from './store'

export function preferenceChannels({ settings }: { settings: SettingsStore }): DomainChannels<'preferences'> {
  return {
    requests: {
      'preferences:get': () => settings.get().preferences,
      'preferences:set': (change) => settings.update((cur) => ({ ...cur, preferences: { ...cur.preferences, ...definedOnly(change) } })).preferences,
    },
    topics: {},
  }
}

/** The fields a partial change actually sets (an absent field keeps the current value). */
function definedOnly<T extends object>(change: T): Partial<T> {
  return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Partial<T>
}

export const preferencesDomain = defineDomain({
  name: 'preferences',
  create: ({ settings }: { settings: SettingsStore }) => ({ channels: preferenceChannels({ settings }) }),
})
