import { describe, expect, it } from 'vitest'
import { BerthError } from '../../src-shared/contract/errors'
import { engineMessage, isUnreachable, toBerthError } from './errors'

const ID = 'a2e16ef0eb839a7e32cf87d0df185898f4a7b40fb8d426353a7e6e9fcd4afe13'
const web = { kind: 'container', ref: 'web' } as const

/** What dockerode throws for an engine answer, as recorded from Engine 20.10.24 (API 1.41). */
function engineFailure(statusCode: number, reason: string | undefined, message: string | null) {
  const json = message === null ? Buffer.alloc(0) : { message }
  return Object.assign(new Error(`(HTTP code ${statusCode}) ${reason ?? 'unexpected'} - ${message ?? ''} `), { statusCode, reason, json })
}

/** What Node's net layer throws when a socket cannot be used. */
function socketFailure(code: string, message = `connect ${code} /var/run/docker.sock`) {
  return Object.assign(new Error(message), { code, errno: -1, syscall: 'connect' })
}

describe('toBerthError', () => {
  it('says the engine’s TLS certificate is not trusted, in OpenSSL’s words without its error stack', () => {
    const err = toBerthError(Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }))
    expect(err).toMatchObject({ code: 'ENGINE_UNREACHABLE', details: { reason: 'engine_tls_untrusted', detail: 'self-signed certificate in certificate chain' } })
    expect(isUnreachable(err)).toBe(true)
  })

  it('says the engine refused the client certificate when it answered the handshake with an alert', () => {
    const e = Object.assign(
      new Error('809C03B8A37F0000:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 116\n'),
      { code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' },
    )
    expect(isUnreachable(e)).toBe(true)
    const err = toBerthError(e)
    expect(err).toMatchObject({ code: 'ENGINE_UNREACHABLE', details: { reason: 'engine_tls_refused', detail: 'tlsv13 alert certificate required' } })
    expect(err.message).toBe(
      'The engine refused Berth’s TLS client certificate (tlsv13 alert certificate required). Check cert.pem and key.pem in the engine’s certificate folder, or pick another engine in Settings.',
    )
  })

  it('asks whether the address speaks TLS when the handshake met something else', () => {
    const e = Object.assign(new Error('write EPROTO 809C03B8A37F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n'), {
      code: 'EPROTO',
    })
    expect(toBerthError(e)).toMatchObject({ code: 'ENGINE_UNREACHABLE', details: { reason: 'engine_tls_failed', detail: 'wrong version number' } })
  })

  it('maps a 404 to NOT_FOUND naming the object the person asked about', () => {
    const err = toBerthError(engineFailure(404, 'no such container', 'No such container: web'), web)
    expect(err.code).toBe('NOT_FOUND')
    expect(err.message).toBe('Container “web” does not exist on this engine; it may have been removed.')
    expect(err.details).toMatchObject({ ref: 'web', engineMessage: 'No such container: web', reason: 'not_found' })
  })

  it('writes a readable 404 sentence even when it does not know the object', () => {
    const err = toBerthError(engineFailure(404, 'no such container', 'No such container: x'))
    expect(err.code).toBe('NOT_FOUND')
    expect(err.message).toMatch(/^The object does not exist on this engine/)
  })

  it('maps removing a running container without force to CONFLICT that suggests stopping or forcing', () => {
    const err = toBerthError(engineFailure(409, undefined, `You cannot remove a running container ${ID}. Stop the container before attempting removal or force remove`), web)
    expect(err.code).toBe('CONFLICT')
    expect(err.message).toBe('Container “web” is running. Stop it first, or remove it with “force”.')
    expect(err.details?.reason).toBe('container_running')
  })

  it('maps removing a paused container to CONFLICT that says it is paused, not running', () => {
    const err = toBerthError(engineFailure(409, undefined, `You cannot remove a paused container ${ID}. Unpause and then stop the container before attempting removal or force remove`), web)
    expect(err.code).toBe('CONFLICT')
    expect(err.details?.reason).toBe('container_paused')
    expect(err.message).toBe('Container “web” is paused. Unpause it first.')
  })

  it('maps starting a paused container to CONFLICT that asks to unpause', () => {
    const err = toBerthError(engineFailure(409, undefined, 'cannot start a paused container, try unpause instead'), web)
    expect(err).toMatchObject({ code: 'CONFLICT', message: 'Container “web” is paused. Unpause it first.' })
  })

  it('maps pausing an already paused container to CONFLICT that says so', () => {
    const err = toBerthError(engineFailure(409, undefined, `Container ${ID} is already paused`), web)
    expect(err).toMatchObject({ code: 'CONFLICT', message: 'Container “web” is already paused.' })
  })

  it('maps unpausing a container that is not paused (a 500 on this engine) to CONFLICT, not an engine failure', () => {
    const err = toBerthError(engineFailure(500, 'server error', `Container ${ID} is not paused`), web)
    expect(err).toMatchObject({ code: 'CONFLICT', message: 'Container “web” is not paused.' })
    expect(err.details?.reason).toBe('container_not_paused')
  })

  it('maps killing a container that is not running to CONFLICT', () => {
    const err = toBerthError(engineFailure(409, undefined, `Cannot kill container: ${ID}: Container ${ID} is not running`), web)
    expect(err).toMatchObject({ code: 'CONFLICT', message: 'Container “web” is not running.' })
  })

  it('keeps the engine’s own words for a conflict it does not recognise', () => {
    const err = toBerthError(
      engineFailure(409, undefined, 'Conflict. The container name "/web" is already in use by container "3f2". You have to remove (or rename) that container to be able to reuse that name.'),
      web,
    )
    expect(err.code).toBe('CONFLICT')
    expect(err.message).toContain('The container name "/web" is already in use')
  })

  it('maps a 304 (already started or stopped) to CONFLICT with the engine’s reason, never to an engine failure', () => {
    const err = toBerthError(engineFailure(304, 'container already started', null), web)
    expect(err.code).toBe('CONFLICT')
    expect(err.details).toMatchObject({ reason: 'already_in_state', engineMessage: 'container already started' })
    expect(err.message).toBe('Nothing to do: container “web” is already in that state (container already started).')
  })

  it('maps EACCES on the socket to PERMISSION_DENIED that says how to get access', () => {
    const err = toBerthError(socketFailure('EACCES'))
    expect(err.code).toBe('PERMISSION_DENIED')
    expect(err.message).toMatch(/docker group/)
    expect(err.details?.reason).toBe('socket_permission')
  })

  it('maps ECONNREFUSED to ENGINE_UNREACHABLE in words, keeping the raw code in details', () => {
    const err = toBerthError(socketFailure('ECONNREFUSED'))
    expect(err.code).toBe('ENGINE_UNREACHABLE')
    expect(err.message).toBe('Berth cannot reach the container engine: nothing is listening at its address. Start the engine, or pick another one in Settings.')
    expect(err.message).not.toContain('ECONNREFUSED')
    expect(err.details).toMatchObject({ reason: 'engine_unreachable', errno: 'ECONNREFUSED' })
  })

  it('maps a missing socket file to ENGINE_UNREACHABLE', () => {
    expect(toBerthError(socketFailure('ENOENT')).message).toContain('its socket does not exist')
  })

  it('maps a socket hang-up without a code to ENGINE_UNREACHABLE', () => {
    const err = toBerthError(new Error('socket hang up'))
    expect(err.code).toBe('ENGINE_UNREACHABLE')
    expect(err.message).toContain('the connection failed')
  })

  it('maps 400 to INVALID_INPUT and 401/403 to PERMISSION_DENIED with the engine’s words', () => {
    expect(toBerthError(engineFailure(400, 'bad parameter', 'No command specified'))).toMatchObject({ code: 'INVALID_INPUT', message: 'The engine refused the request: No command specified' })
    expect(toBerthError(engineFailure(403, undefined, 'authorization denied by plugin'))).toMatchObject({ code: 'PERMISSION_DENIED' })
    expect(toBerthError(engineFailure(401, undefined, 'unauthorized'))).toMatchObject({ code: 'PERMISSION_DENIED' })
  })

  it('maps any other engine failure to INTERNAL with the engine’s words', () => {
    const err = toBerthError(engineFailure(500, 'server error', 'driver failed programming external connectivity'))
    expect(err).toMatchObject({ code: 'INTERNAL', message: 'The engine failed: driver failed programming external connectivity' })
  })

  it('passes a BerthError through untouched', () => {
    const original = new BerthError('CANCELLED', 'Stopped by you.')
    expect(toBerthError(original)).toBe(original)
  })

  it('copes with values that are not errors at all', () => {
    expect(toBerthError(undefined).code).toBe('INTERNAL')
    expect(toBerthError('boom').code).toBe('INTERNAL')
  })
})

describe('engineMessage', () => {
  it('prefers the engine’s JSON message over dockerode’s prefixed text', () => {
    expect(engineMessage(engineFailure(404, 'no such container', 'No such container: web'))).toBe('No such container: web')
  })

  it('reads a JSON message that arrives as a buffer, or the buffer’s text', () => {
    expect(engineMessage({ json: Buffer.from('{"message":"page not found"}') })).toBe('page not found')
    expect(engineMessage({ json: Buffer.from('plain words\n') })).toBe('plain words')
  })

  it('strips dockerode’s "(HTTP code N) reason -" prefix when there is no body', () => {
    expect(engineMessage({ message: '(HTTP code 502) bad gateway - upstream died' })).toBe('upstream died')
  })
})

describe('isUnreachable', () => {
  it('recognises socket failures and ENGINE_UNREACHABLE, and nothing else', () => {
    expect(isUnreachable(socketFailure('ECONNREFUSED'))).toBe(true)
    expect(isUnreachable(socketFailure('ECONNRESET'))).toBe(true)
    expect(isUnreachable(new Error('socket hang up'))).toBe(true)
    expect(isUnreachable(new BerthError('ENGINE_UNREACHABLE', 'gone'))).toBe(true)
    expect(isUnreachable(new BerthError('NOT_FOUND', 'gone'))).toBe(false)
    expect(isUnreachable(engineFailure(404, 'no such container', 'No such container: web'))).toBe(false)
    expect(isUnreachable(socketFailure('EACCES'))).toBe(false)
    expect(isUnreachable(null)).toBe(false)
  })
})
