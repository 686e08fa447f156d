import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer as createTlsServer } from 'node:tls'
import { forwardToEngine } from './engine'

/**
 * Certificates as `dockerd --tlsverify` and the docker CLI use them, made with openssl: a CA,
 * a server certificate for 127.0.0.1, and a client certificate in a folder laid out like
 * DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem).
 */
export class TestCertificates {
  readonly dir = mkdtempSync(join(tmpdir(), 'berth-it-tls-'))
  /** What a client puts in DOCKER_CERT_PATH. */
  readonly clientDir = join(this.dir, 'client')

  constructor() {
    const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: this.dir, stdio: ['ignore', 'ignore', 'pipe'] })
    execFileSync('mkdir', ['-p', this.clientDir])
    ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=berth-test-ca')
    const sign = (name: string, subject: string, ext: string) => {
      ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', subject)
      writeFileSync(join(this.dir, `${name}.ext`), ext)
      ssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`)
    }
    sign('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n')
    sign('client', '/CN=berth-test-client', 'extendedKeyUsage=clientAuth\n')
    writeFileSync(join(this.clientDir, 'ca.pem'), this.read('ca.pem'))
    writeFileSync(join(this.clientDir, 'cert.pem'), this.read('client.pem'))
    writeFileSync(join(this.clientDir, 'key.pem'), this.read('client-key.pem'))
  }

  read(name: string): Buffer {
    return readFileSync(join(this.dir, name))
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/**
 * The engine's socket offered on 127.0.0.1 as dockerd offers `-H tcp://`: plain, or with TLS
 * that requires a client certificate signed by the test CA (`--tlsverify`).
 */
export class TcpEngine {
  private server: Server | null = null
  private readonly open = new Set<Socket>()
  port = 0

  constructor(private readonly certs: TestCertificates | null) {}

  get url(): string {
    return `tcp://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    const forward = (client: Socket) => forwardToEngine(client, this.open)
    const c = this.certs
    const server = c
      ? createTlsServer({ key: c.read('server-key.pem'), cert: c.read('server.pem'), ca: c.read('ca.pem'), requestCert: true, rejectUnauthorized: true }, forward)
      : createNetServer(forward)
    // A refused handshake is the client's problem to report, not this server's.
    server.on('tlsClientError', () => undefined)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    this.port = (server.address() as AddressInfo).port
    this.server = server
  }

  async dispose(): Promise<void> {
    const server = this.server
    this.server = null
    if (!server) return
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    for (const s of this.open) s.destroy()
    await closed
  }
}
