import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultConfigDir } from './config-dir'
import { Services } from './services'
import { browserHost } from './transport/browser-host'
import { startWebServer } from './transport/web-server'

// Browser mode: the same services as the Electron app, in plain Node, on 127.0.0.1.
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      engine: { type: 'string' },
      'renderer-dir': { type: 'string' },
    },
  })
  const port = values.port ? Number(values.port) : 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`berth: --port must be a number from 0 to 65535, got ${values.port}`)
    process.exit(2)
  }
  const services = new Services({ host: browserHost(), configDir: defaultConfigDir(), engineUrl: values.engine })
  await services.start()
  let server
  try {
    server = await startWebServer({ services, rendererDir: values['renderer-dir'] ?? join(__dirname, '../renderer'), port })
  } catch (err) {
    const code = (err as { code?: string }).code
    console.error(code === 'EADDRINUSE' ? `berth: port ${port} is already in use; pick another with --port or leave it out for a free one.` : `berth: could not start: ${String(err)}`)
    process.exit(1)
  }
  const status = services.connection.getStatus()
  console.log(`Berth is running at ${server.url}`)
  console.log(`engine: ${status.endpoint?.url ?? 'none found'} (${status.state}${status.error ? `: ${status.error.message}` : ''})`)
  if (!values['no-open']) openBrowser(server.url)
  const stop = () => {
    void services
      .shutdown()
      .then(() => server.close())
      .finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]]
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true })
    child.on('error', () => console.log('Open the URL above in a browser.'))
    child.unref()
  } catch {
    console.log('Open the URL above in a browser.')
  }
}

void main()
