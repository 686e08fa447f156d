import { commonKo } from '../../shared/i18n/ko'
import type { DomainShape } from '../../shared/i18n/shape'
import type { MessageShape } from './en'
import type { FeatureMessages } from './feature-messages.generated'
import { byNamespace, joinMessages } from './join'

// Each features/<name>/i18n/ko.ts exports `<namespace>Ko`, typed against the English file beside it.
type KoreanFeatures = { [N in keyof FeatureMessages]: DomainShape<FeatureMessages[N]> }

// Korean, joined the way en.ts joins English; loaded on first use (see loadLocale).
export const ko: MessageShape = joinMessages(commonKo, byNamespace<KoreanFeatures>(import.meta.glob('../../features/*/i18n/ko.ts', { eager: true }), 'Ko'))
