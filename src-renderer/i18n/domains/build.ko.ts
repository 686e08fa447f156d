import type { DomainShape } from '../shape'
import type { buildEn } from './build.en'

export const buildKo: DomainShape<typeof buildEn> = {
  messages: {},
  reasons: {},
}
