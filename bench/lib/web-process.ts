import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { engineUrl } from './engine'

const WEB_JS = resolve(__dirname, '../../out/main/web.js')

/**
 * Browser mode exactly as a person starts it (`node out/main/web.js`), in its own process with
 * its own config dir, so main does not share an event loop with the bench and its browser driver.
 * `engine` is the engine's URL (the benchmarks' engine unless given).
 */
export async function startWebProcess(engine = engineUrl()): Promise<{ url: string; pid: number; process: ChildProcess; close(): void }> {
  const configDir = mkdtempSync(join(tmpdir(), 'berth-bench-config-'))
  const web = spawn(process.execPath, [WEB_JS, '--no-open', '--port', '0', '--engine', engine], {
    env: { ...process.env, BERTH_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const close = () => {
    if (web.exitCode === null) web.kill('SIGTERM')
    rmSync(configDir, { recursive: true, force: true })
  }
  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error('browser mode did not print its URL within 15 s')), 15000)
      web.once('exit', (code) => reject(new Error(`browser mode exited early (${code})`)))
      createInterface({ input: web.stdout! }).on('line', (line) => {
        const m = /running at (\S+)/.exec(line)
        if (m) {
          clearTimeout(timer)
          resolveUrl(m[1]!)
        }
      })
    })
    return { url, pid: web.pid!, process: web, close }
  } catch (err) {
    close()
    throw err
  }
}
