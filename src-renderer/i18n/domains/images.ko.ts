import type { DomainShape } from '../shape'
import type { imagesEn } from './images.en'

export const imagesKo: DomainShape<typeof imagesEn> = {
  messages: {},
  reasons: {},
}
