import { homedir } from 'node:os'
import { join } from 'node:path'

/** Where browser mode keeps settings when Electron's userData is not available. */
export function defaultConfigDir(env: Record<string, string | undefined> = process.env, platform = process.platform): string {
  if (env.BERTH_CONFIG_DIR) return env.BERTH_CONFIG_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Berth')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Berth')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Berth')
}
