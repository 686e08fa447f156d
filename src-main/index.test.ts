import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// Electron's app as far as index.ts (and window/refuse-to-start.ts) use it before a window exists.
const electron = vi.hoisted(() => ({
  switches: new Set<string>(),
  exits: [] as number[],
  errorBoxes: [] as string[][],
  schemes: [] as unknown[],
  lockAsked: 0,
}))
vi.mock('electron', () => ({
  app: {
    isPackaged: true,
    commandLine: { hasSwitch: (s: string) => electron.switches.has(s) },
    requestSingleInstanceLock: () => (electron.lockAsked++, true),
    whenReady: () => Promise.resolve(),
    getLocale: () => 'en-US',
    getPath: () => '/nonexistent',
    exit: (code: number) => electron.exits.push(code),
    on: () => undefined,
    quit: () => undefined,
  },
  dialog: { showErrorBox: (title: string, text: string) => electron.errorBoxes.push([title, text]) },
  protocol: { registerSchemesAsPrivileged: (s: unknown[]) => electron.schemes.push(...s), handle: () => undefined },
  session: { defaultSession: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined } },
  Menu: { setApplicationMenu: () => undefined },
  BrowserWindow: class {
    static getAllWindows = () => []
    static getFocusedWindow = () => null
  },
  ipcMain: { handle: () => undefined, on: () => undefined },
  nativeTheme: {},
  shell: {},
}))
// The services and the window are not what this test is about (starting them would look for an engine).
vi.mock('./services', () => ({
  Services: class {
    start = async () => undefined
  },
}))
vi.mock('./transport/router', () => ({ Router: class {} }))
vi.mock('./transport/ipc', () => ({ attachIpc: () => () => undefined }))
const opened = vi.hoisted(() => ({ windows: [] as { entryUrl: string; origins: readonly string[] }[] }))
vi.mock('./window/main-window', () => ({
  createMainWindow: (o: { entryUrl: string; origins: readonly string[] }) => (opened.windows.push(o), { on: () => undefined }),
}))

async function launch(uid: number, switches: string[] = []) {
  vi.resetModules()
  electron.switches = new Set(switches)
  vi.spyOn(process as { getuid: () => number }, 'getuid').mockReturnValue(uid)
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  // The root rule is Linux's (where Chromium needs --no-sandbox to run as root).
  Object.defineProperty(process, 'platform', { value: 'linux', configurable: true })
  await import('./index')
  await new Promise((r) => setTimeout(r, 0))
}

beforeEach(() => {
  electron.exits = []
  electron.errorBoxes = []
  electron.schemes = []
  electron.lockAsked = 0
  opened.windows = []
})
const platform = process.platform
afterEach(() => {
  vi.restoreAllMocks()
  Object.defineProperty(process, 'platform', { value: platform, configurable: true })
})

describe('main start-up', () => {
  it('as root, says why it will not run, quits with an error, and starts nothing', async () => {
    await launch(0, ['no-sandbox'])
    expect(electron.exits).toEqual([1])
    expect(electron.errorBoxes).toHaveLength(1)
    expect(electron.errorBoxes[0]![1]).toContain('normal user')
    expect(electron.errorBoxes[0]![1]).toContain('BERTH_WEB=1 npm start')
    expect(electron.schemes).toEqual([])
    expect(electron.lockAsked).toBe(0)
    expect(opened.windows).toEqual([])
  })

  it('with --no-sandbox as a normal user, refuses too', async () => {
    await launch(1000, ['no-sandbox'])
    expect(electron.exits).toEqual([1])
    expect(electron.errorBoxes[0]![1]).toContain('--no-sandbox')
    expect(electron.schemes).toEqual([])
  })

  it('as a normal user, registers the app:// scheme before ready and opens the window on app://berth', async () => {
    await launch(1000)
    expect(electron.exits).toEqual([])
    expect(electron.errorBoxes).toEqual([])
    expect(electron.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }])
    expect(electron.lockAsked).toBe(1)
    expect(opened.windows).toEqual([expect.objectContaining({ entryUrl: 'app://berth/index.html', origins: ['app://berth'] })])
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app: no other origin is ever trusted', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://127.0.0.1:8000/')
    await launch(1000)
    vi.unstubAllEnvs()
    expect(opened.windows).toEqual([expect.objectContaining({ entryUrl: 'app://berth/index.html', origins: ['app://berth'] })])
  })
})
