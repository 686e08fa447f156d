import { describe, expect, it } from 'vitest'
import { readableStep, toHistory } from './detail'

describe('toHistory', () => {
  it('marks steps without a layer as empty and reads #(nop) steps as Dockerfile lines', () => {
    const rows = toHistory([
      { Id: 'sha256:top', Created: 3, CreatedBy: '/bin/sh -c #(nop)  CMD ["sh"]', Size: 0, Comment: '', Tags: ['app:1'] },
      { Id: '<missing>', Created: 2, CreatedBy: '/bin/sh -c head -c 10 /dev/urandom > /a', Size: 10, Comment: '', Tags: null },
    ])
    expect(rows).toEqual([
      { id: 'sha256:top', created: 3, createdBy: 'CMD ["sh"]', size: 0, empty: true, comment: '', tags: ['app:1'] },
      { id: null, created: 2, createdBy: 'RUN head -c 10 /dev/urandom > /a', size: 10, empty: false, comment: '', tags: [] },
    ])
  })

  it('leaves BuildKit-style steps alone', () => {
    expect(readableStep('RUN /bin/sh -c apk add curl # buildkit')).toBe('RUN /bin/sh -c apk add curl # buildkit')
  })
})
