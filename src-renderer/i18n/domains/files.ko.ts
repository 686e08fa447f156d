import type { DomainShape } from '../shape'
import type { filesEn } from './files.en'

export const filesKo: DomainShape<typeof filesEn> = {
  messages: {},
  reasons: {},
}
