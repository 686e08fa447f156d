import type { DomainShape } from '../shape'
import type { runEn } from './run.en'

export const runKo: DomainShape<typeof runEn> = {
  messages: {},
  reasons: {},
}
