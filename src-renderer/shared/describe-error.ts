import { isErrorShape, type BerthErrorShape } from '../../src-shared/contract/errors'

type Translate = (key: string, named?: Record<string, unknown>) => string
type Has = (key: string) => boolean

/**
 * The sentence to show for an error. Main writes English sentences with specifics (which
 * container, the engine's words); other languages use the sentence for the error's reason.
 */
export function describeError(error: unknown, locale: string, t: Translate, has: Has): string {
  const shape: BerthErrorShape = isErrorShape(error) ? error : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }
  if (locale === 'en') return shape.message
  const reason = shape.details?.reason
  if (typeof reason === 'string' && has(`errors.reasons.${reason}`)) return t(`errors.reasons.${reason}`, shape.details)
  return `${t(`errors.codes.${shape.code}`)} ${shape.message}`
}
