import { describe, expect, it } from 'vitest'
import { createError, startError, takenPort } from './run-errors'

const engine = (statusCode: number, message: string) => ({ statusCode, json: { message } })

describe('takenPort', () => {
  it('finds the port in both of dockerd 20.10 sentences', () => {
    expect(takenPort('driver failed programming external connectivity on endpoint web (ab12): Bind for 0.0.0.0:8080 failed: port is already allocated')).toEqual({ hostIp: '0.0.0.0', port: 8080 })
    expect(takenPort('driver failed programming external connectivity on endpoint web (ab12): Error starting userland proxy: listen tcp4 127.0.0.1:9000: bind: address already in use')).toEqual({
      hostIp: '127.0.0.1',
      port: 9000,
    })
    expect(takenPort('Error starting userland proxy: listen tcp6 [::1]:9000: bind: address already in use')).toEqual({ hostIp: '::1', port: 9000 })
    expect(takenPort('OCI runtime create failed')).toBeNull()
  })
})

describe('startError', () => {
  it('is a CONFLICT naming the taken port', () => {
    const e = startError(engine(500, 'driver failed programming external connectivity on endpoint web (ab12): Bind for 0.0.0.0:8080 failed: port is already allocated'))
    expect(e.code).toBe('CONFLICT')
    expect(e.details).toMatchObject({ reason: 'run_port_taken', port: 8080 })
    expect(e.message).toContain('8080')
  })

  it('keeps the engine sentence for other start failures', () => {
    const e = startError(engine(400, 'OCI runtime create failed: exec: "nope": executable file not found in $PATH'))
    expect(e.code).toBe('INVALID_INPUT')
    expect(e.details?.reason).toBe('run_start_failed')
    expect(e.message).toContain('executable file not found')
  })
})

describe('createError', () => {
  it('names a missing image as NOT_FOUND so the dialog can offer to pull it', () => {
    const e = createError(engine(404, 'No such image: nothing/here:latest'), 'nothing/here', undefined)
    expect(e.code).toBe('NOT_FOUND')
    expect(e.details).toMatchObject({ reason: 'run_image_missing', image: 'nothing/here' })
  })

  it('names a taken container name and a missing network', () => {
    expect(
      createError(engine(409, 'Conflict. The container name "/web" is already in use by container "3f2a". You have to remove (or rename) that container to be able to reuse that name.'), 'x', 'web')
        .details,
    ).toMatchObject({
      reason: 'run_name_taken',
      name: 'web',
    })
    expect(createError(engine(404, 'network nope not found'), 'x', undefined).details?.reason).toBe('run_network_missing')
  })
})
