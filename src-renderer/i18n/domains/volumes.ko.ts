import type { DomainShape } from '../shape'
import type { volumesEn } from './volumes.en'

export const volumesKo: DomainShape<typeof volumesEn> = {
  messages: {},
  reasons: {},
}
