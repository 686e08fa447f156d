import type { EngineEndpoint } from '../../src-shared/contract/engine'

/** An endpoint as main knows it: what the renderer sees, plus where its TLS material lives. */
export interface ResolvedEndpoint extends EngineEndpoint {
  tlsDir?: string
  skipTlsVerify?: boolean
}
