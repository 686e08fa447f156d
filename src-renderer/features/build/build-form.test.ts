import { describe, expect, it } from 'vitest'
import { emptyBuildForm, readBuildForm } from './build-form'

describe('readBuildForm', () => {
  it('builds the params, skipping blank lines', () => {
    const out = readBuildForm({ context: ' /home/me/app ', dockerfile: 'docker/Dockerfile.dev', tags: 'myapp:1.0\n\nregistry.local:5000/team/myapp', buildArgs: 'VERSION=1.2\nEMPTY=', noCache: true })
    expect(out).toEqual({
      problems: {},
      params: {
        context: '/home/me/app',
        dockerfile: 'docker/Dockerfile.dev',
        tags: ['myapp:1.0', 'registry.local:5000/team/myapp'],
        buildArgs: [
          { key: 'VERSION', value: '1.2' },
          { key: 'EMPTY', value: '' },
        ],
        noCache: true,
      },
    })
  })

  it('defaults the Dockerfile and names each problem with its line', () => {
    expect(readBuildForm({ ...emptyBuildForm(), context: '/x', dockerfile: ' ' }).params?.dockerfile).toBe('Dockerfile')
    expect(readBuildForm({ ...emptyBuildForm(), context: 'relative', dockerfile: '../Dockerfile', tags: 'ok\nBad:Tag', buildArgs: 'A=1\nB' }).problems).toMatchObject({
      context: { key: 'context_relative' },
      dockerfile: { key: 'dockerfile_outside' },
      // Docker's reference grammar says what is wrong with the tag.
      tags: { key: 'tag_syntax', line: 2, reason: 'image_ref_uppercase' },
      buildArgs: { key: 'arg_syntax', line: 2 },
    })
    expect(readBuildForm({ ...emptyBuildForm(), context: '/x', tags: 'app@sha256:' + 'a'.repeat(64) }).problems.tags?.reason).toBe('image_ref_digest_not_allowed')
    expect(readBuildForm(emptyBuildForm()).problems.context).toEqual({ key: 'context_empty' })
  })
})
