import type { DomainShape } from '../shape'
import type { diskEn } from './disk.en'

export const diskKo: DomainShape<typeof diskEn> = {
  messages: {},
  reasons: {},
}
