import { commonKo } from '../../shared/i18n/ko'
import { buildKo } from '../../features/build/i18n/ko'
import { filesKo } from '../../features/files/i18n/ko'
import { hubKo } from '../../features/hub/i18n/ko'
import { imagesKo } from '../../features/images/i18n/ko'
import { logsKo } from '../../features/logs/i18n/ko'
import { networksKo } from '../../features/networks/i18n/ko'
import { registriesKo } from '../../features/registries/i18n/ko'
import { runKo } from '../../features/run/i18n/ko'
import { diskKo } from '../../features/system/i18n/ko'
import { terminalKo } from '../../features/terminal/i18n/ko'
import { volumesKo } from '../../features/volumes/i18n/ko'
import type { MessageShape } from './en'

// Korean, joined the way en.ts joins English; loaded on first use (see loadLocale).
export const ko: MessageShape = {
  ...commonKo,
  logs: logsKo.messages,
  terminal: terminalKo.messages,
  images: imagesKo.messages,
  hub: hubKo.messages,
  registries: registriesKo.messages,
  run: runKo.messages,
  build: buildKo.messages,
  volumes: volumesKo.messages,
  networks: networksKo.messages,
  files: filesKo.messages,
  disk: diskKo.messages,
  errors: {
    codes: commonKo.errors.codes,
    reasons: {
      ...commonKo.errors.reasons,
      ...terminalKo.reasons,
      ...imagesKo.reasons,
      ...hubKo.reasons,
      ...registriesKo.reasons,
      ...runKo.reasons,
      ...buildKo.reasons,
      ...volumesKo.reasons,
      ...networksKo.reasons,
      ...filesKo.reasons,
      ...diskKo.reasons,
    },
  },
}
