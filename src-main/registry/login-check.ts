import type Docker from 'dockerode'
import { BerthError } from '../../src-shared/contract/errors'
import { engineMessage } from '../engine/errors'
import { unreachable } from './registry-errors'
import { loginFailed } from './v2-client'

// Login is checked before anything is stored. Through the engine (POST /auth) when one is
// connected, because pull and push go through it too (its proxy, its insecure-registry list).

/** The engine's answer to POST /auth, mapped: a wrong password and an unreachable registry in words. */
export async function checkWithEngine(docker: Docker, registry: string, serveraddress: string, username: string, password: string): Promise<{ identityToken: string | null }> {
  try {
    const res = (await docker.checkAuth({ username, password, serveraddress })) as { IdentityToken?: string }
    return { identityToken: res?.IdentityToken ? res.IdentityToken : null }
  } catch (err) {
    throw mapEngineAuthError(registry, err)
  }
}

function mapEngineAuthError(registry: string, err: unknown): BerthError {
  if (err instanceof BerthError) return err
  const says = engineMessage(err as Parameters<typeof engineMessage>[0])
  // Engine 20.10: "login attempt to http://host/v2/ failed with status: 401 Unauthorized"; newer: "unauthorized: incorrect username or password".
  if (/\b401\b|unauthorized|incorrect username or password|authentication required/i.test(says)) return loginFailed(registry)
  const net = /connection refused|no such host|i\/o timeout|dial tcp|TLS handshake|certificate|server gave HTTP response|network is unreachable|connection reset/i.exec(says)
  if (net) return new BerthError(unreachable(registry, '').code, `Berth cannot reach the registry ${registry}: ${says}`, { reason: 'registry_unreachable', registry })
  return new BerthError('INTERNAL', `The engine could not log in to ${registry}: ${says}`, { reason: 'registry_login_error', registry })
}
