import type { DomainShape } from '../shape'
import type { networksEn } from './networks.en'

export const networksKo: DomainShape<typeof networksEn> = {
  messages: {},
  reasons: {},
}
