// The few sentences main shows itself (native dialogs), in the UI's languages.
export interface MainStrings {
  openLinkQuestion: string
  open: string
  cancel: string
}

const STRINGS: Record<'en' | 'ko', MainStrings> = {
  en: { openLinkQuestion: 'Open this link in your browser?', open: 'Open', cancel: 'Cancel' },
  ko: { openLinkQuestion: '브라우저에서 이 링크를 열까요?', open: '열기', cancel: '취소' },
}

/** Picks the language the person chose, or the system's when they chose "system". */
export function mainStrings(choice: 'system' | 'en' | 'ko', systemLocale: string): MainStrings {
  const lang = choice === 'system' ? systemLocale.toLowerCase().split('-')[0] : choice
  return lang === 'ko' ? STRINGS.ko : STRINGS.en
}
