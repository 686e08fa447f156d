import { z } from 'zod'
import { noParams } from './common'
import { request } from './define'
import { LOCALE_CHOICES, THEME_CHOICES, type Preferences } from './preference-choices'

export * from './preference-choices'

export const preferencesSchema = z.strictObject({
  locale: z.enum(LOCALE_CHOICES),
  theme: z.enum(THEME_CHOICES),
}) satisfies z.ZodType<Preferences>

export const preferenceRequests = {
  'preferences:get': request<Preferences>()(noParams),
  'preferences:set': request<Preferences>()(preferencesSchema.partial()),
}
