import { commonEn } from '../../shared/i18n/en'
import type { DomainShape } from '../../shared/i18n/shape'
import { buildEn } from '../../features/build/i18n/en'
import { filesEn } from '../../features/files/i18n/en'
import { hubEn } from '../../features/hub/i18n/en'
import { imagesEn } from '../../features/images/i18n/en'
import { logsEn } from '../../features/logs/i18n/en'
import { networksEn } from '../../features/networks/i18n/en'
import { registriesEn } from '../../features/registries/i18n/en'
import { runEn } from '../../features/run/i18n/en'
import { diskEn } from '../../features/system/i18n/en'
import { terminalEn } from '../../features/terminal/i18n/en'
import { volumesEn } from '../../features/volumes/i18n/en'

// Every message Berth shows in English: the shared ones, each feature's under its own key, and
// one list of error reasons. English is the source of truth for keys; ko.ts must have the same.
export const en = {
  ...commonEn,
  logs: logsEn.messages,
  terminal: terminalEn.messages,
  images: imagesEn.messages,
  hub: hubEn.messages,
  registries: registriesEn.messages,
  run: runEn.messages,
  build: buildEn.messages,
  volumes: volumesEn.messages,
  networks: networksEn.messages,
  files: filesEn.messages,
  disk: diskEn.messages,
  errors: {
    codes: commonEn.errors.codes,
    reasons: {
      ...commonEn.errors.reasons,
      ...terminalEn.reasons,
      ...imagesEn.reasons,
      ...hubEn.reasons,
      ...registriesEn.reasons,
      ...runEn.reasons,
      ...buildEn.reasons,
      ...volumesEn.reasons,
      ...networksEn.reasons,
      ...filesEn.reasons,
      ...diskEn.reasons,
    },
  },
} as const

/** What every other language must provide: every key of English, as strings. */
export type MessageShape = DomainShape<typeof en>
