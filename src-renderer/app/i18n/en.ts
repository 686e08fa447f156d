import { commonEn } from '../../shared/i18n/en'
import type { DomainShape } from '../../shared/i18n/shape'
import type { FeatureMessages } from './feature-messages.generated'
import { byNamespace, joinMessages, type Joined } from './join'

// Every features/<name>/i18n/en.ts, found by Vite (and vitest): a new feature's messages need no line
// here. feature-messages.generated.ts (`npm run registries`) gives them their keys' types.
const features = byNamespace<FeatureMessages>(import.meta.glob('../../features/*/i18n/en.ts', { eager: true }), 'En')

type English = Joined<typeof commonEn, FeatureMessages>

// Every message Berth shows in English: the shared ones, each feature's under its own namespace, and
// one list of error reasons. English is the source of truth for keys; ko.ts must have the same.
export const en: English = joinMessages(commonEn, features)

/** What every other language must provide: every key of English, as strings. */
export type MessageShape = DomainShape<English>
