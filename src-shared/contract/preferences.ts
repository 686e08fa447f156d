import { z } from 'zod'
import { noParams } from './common'
import { request } from './define'
import { LOCALE_CHOICES, LOG_LINES, TERMINAL_FONT_SIZE, TERMINAL_SCROLLBACK, THEME_CHOICES, type Preferences } from './preference-choices'

export * from './preference-choices'

export const preferencesSchema = z.strictObject({
  locale: z.enum(LOCALE_CHOICES),
  theme: z.enum(THEME_CHOICES),
  terminalFontSize: z.number().int().min(TERMINAL_FONT_SIZE.min).max(TERMINAL_FONT_SIZE.max),
  terminalScrollback: z.number().int().min(TERMINAL_SCROLLBACK.min).max(TERMINAL_SCROLLBACK.max),
  logLines: z.number().int().min(LOG_LINES.min).max(LOG_LINES.max),
}) satisfies z.ZodType<Preferences>

export const preferenceRequests = {
  'preferences:get': request<Preferences>()(noParams),
  'preferences:set': request<Preferences>()(preferencesSchema.partial()),
}
