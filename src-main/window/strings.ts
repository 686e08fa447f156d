// The few sentences main shows itself (native dialogs), in the UI's languages.
export interface MainStrings {
  openLinkQuestion: string
  open: string
  cancel: string
  cannotStart: string
  runsAsRoot: string
  noSandbox: string
}

const STRINGS: Record<'en' | 'ko', MainStrings> = {
  en: {
    openLinkQuestion: 'Open this link in your browser?',
    open: 'Open',
    cancel: 'Cancel',
    cannotStart: 'Berth cannot start',
    runsAsRoot:
      "Berth's desktop app does not run as root: its window would have to run without Chromium's sandbox. Start it as your normal user. As root, use browser mode instead: BERTH_WEB=1 npm start (or npm run web after npm run build).",
    noSandbox: "Berth does not run with --no-sandbox: its window would run without Chromium's sandbox. Start it without that option.",
  },
  ko: {
    openLinkQuestion: '브라우저에서 이 링크를 열까요?',
    open: '열기',
    cancel: '취소',
    cannotStart: 'Berth를 시작할 수 없습니다',
    runsAsRoot:
      'Berth 데스크톱 앱은 root로 실행되지 않습니다. root로 실행하면 창이 Chromium 샌드박스 없이 돌아가야 하기 때문입니다. 일반 사용자로 시작하세요. root에서는 브라우저 모드를 쓰세요: BERTH_WEB=1 npm start (또는 npm run build 후 npm run web).',
    noSandbox: 'Berth는 --no-sandbox 옵션으로 실행되지 않습니다. 창이 Chromium 샌드박스 없이 돌아가기 때문입니다. 이 옵션 없이 시작하세요.',
  },
}

/** Picks the language the person chose, or the system's when they chose "system". */
export function mainStrings(choice: 'system' | 'en' | 'ko', systemLocale: string): MainStrings {
  const lang = choice === 'system' ? systemLocale.toLowerCase().split('-')[0] : choice
  return lang === 'ko' ? STRINGS.ko : STRINGS.en
}
