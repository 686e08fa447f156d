import { z } from 'zod'
import { noParams } from './common'
import { request } from './define'

export const LOCALE_CHOICES = ['system', 'en', 'ko'] as const
export const THEME_CHOICES = ['system', 'light', 'dark'] as const

export const preferencesSchema = z.strictObject({
  locale: z.enum(LOCALE_CHOICES),
  theme: z.enum(THEME_CHOICES),
})

/** What the person chose for the UI; kept by main so it survives browser mode's random port. */
export type Preferences = z.infer<typeof preferencesSchema>

export const DEFAULT_PREFERENCES: Preferences = { locale: 'system', theme: 'system' }

export const preferenceRequests = {
  'preferences:get': request<Preferences>()(noParams),
  'preferences:set': request<Preferences>()(preferencesSchema.partial()),
}
