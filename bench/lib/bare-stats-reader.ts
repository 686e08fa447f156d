import { spawn, type ChildProcess } from 'node:child_process'
import { engineUrl } from './engine'

// The least any Node process can do to show live stats: one engine stats stream per container,
// each document parsed, nothing else. Plain CommonJS run with `node -e`, so nothing of Berth
// (or tsx) is loaded.
const READER = `
const http = require('node:http')
const [socketPath, ...ids] = process.argv.slice(1)
let docs = 0
for (const id of ids) {
  http.get({ socketPath, path: '/containers/' + encodeURIComponent(id) + '/stats?stream=true' }, (res) => {
    res.setEncoding('utf8')
    let rest = ''
    res.on('data', (text) => {
      const parts = (rest + text).split('\\n')
      rest = parts.pop()
      for (const p of parts) if (p.trim()) { JSON.parse(p); docs++ }
    })
  })
}
process.on('SIGTERM', () => { process.stdout.write(String(docs)); process.exit(0) })
`

/** Starts a bare reader of the given containers' stats streams; `stop()` ends it and says how many documents it parsed. */
export function startBareStatsReader(ids: string[]): { pid: number; stop(): Promise<number> } {
  const child: ChildProcess = spawn(process.execPath, ['-e', READER, engineUrl().slice('unix://'.length), ...ids], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()))
  return {
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve(Number(out) || 0))
        child.kill('SIGTERM')
      }),
  }
}
