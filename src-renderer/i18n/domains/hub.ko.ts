import type { DomainShape } from '../shape'
import type { hubEn } from './hub.en'

export const hubKo: DomainShape<typeof hubEn> = {
  messages: {},
  reasons: {},
}
