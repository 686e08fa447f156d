import type { DomainShape } from '../shape'
import type { registriesEn } from './registries.en'

export const registriesKo: DomainShape<typeof registriesEn> = {
  messages: {},
  reasons: {},
}
