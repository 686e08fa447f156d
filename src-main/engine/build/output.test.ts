import { describe, expect, it } from 'vitest'
import { BuildOutput, type BuilderObject } from './output'

// Recorded from dockerd 20.10's classic builder (POST /build), one object per chunk.
const success: BuilderObject[] = [
  { stream: 'Step 1/3 : FROM berth-test/busybox' },
  { stream: '\n' },
  { stream: ' ---\u003e 1c35c4412082\n' },
  { stream: 'Step 2/3 : ARG GREETING\n' },
  { stream: ' ---\u003e Running in 5d0b\n' },
  { stream: 'Removing intermediate container 5d0b\n' },
  { stream: 'Step 3/3 : RUN echo $GREETING \u003e /greeting\n' },
  { stream: 'hel' },
  { stream: 'lo\n' },
  { aux: { ID: 'sha256:9a1e' } },
  { stream: 'Successfully built 9a1e\n' },
  { stream: 'Successfully tagged berth-test/built:1\n' },
]

function readAll(objects: BuilderObject[]) {
  const out = new BuildOutput()
  const events = objects.flatMap((o) => out.read(o))
  events.push(...out.flush())
  return { out, events }
}

describe('BuildOutput', () => {
  it('joins lines that arrive in pieces and marks each step before its lines', () => {
    const { events } = readAll(success)
    const text = events.map((e) => (e.kind === 'line' ? e.line.text : `[step ${e.step}/${e.total}]`))
    expect(text).toEqual([
      '[step 1/3]',
      'Step 1/3 : FROM berth-test/busybox',
      ' ---> 1c35c4412082',
      '[step 2/3]',
      'Step 2/3 : ARG GREETING',
      ' ---> Running in 5d0b',
      'Removing intermediate container 5d0b',
      '[step 3/3]',
      'Step 3/3 : RUN echo $GREETING > /greeting',
      'hello',
      'Successfully built 9a1e',
      'Successfully tagged berth-test/built:1',
    ])
  })

  it('gives the image id and tags', () => {
    expect(readAll(success).out.result()).toEqual({ imageId: 'sha256:9a1e', tags: ['berth-test/built:1'] })
  })

  it('turns a RUN step that exits non-zero into an error naming the step and the exit code', () => {
    const { out, events } = readAll([
      { stream: 'Step 1/2 : FROM berth-test/busybox\n' },
      { stream: 'Step 2/2 : RUN exit 3\n' },
      { stream: ' ---\u003e Running in 77aa\n' },
      { errorDetail: { code: 3, message: "The command '/bin/sh -c exit 3' returned a non-zero code: 3" }, error: "The command '/bin/sh -c exit 3' returned a non-zero code: 3" },
    ])
    const result = out.result()
    expect('error' in result && result.error.details).toMatchObject({ reason: 'build_step_failed', step: 2, total: 2, instruction: 'RUN exit 3', exitCode: 3 })
    expect('error' in result && result.error.message).toBe('The build failed at step 2/2 (RUN exit 3): the command exited with code 3.')
    expect(events.at(-1)).toEqual({ kind: 'line', line: { kind: 'error', text: "The command '/bin/sh -c exit 3' returned a non-zero code: 3" } })
  })

  it('names a Dockerfile mistake, and a stream without an image as an error', () => {
    const bad = readAll([{ errorDetail: { message: 'dockerfile parse error line 2: unknown instruction: FOO' } }]).out.result()
    expect('error' in bad && bad.error.details?.reason).toBe('build_dockerfile_invalid')
    const cut = readAll([{ stream: 'Step 1/2 : FROM x\n' }]).out.result()
    expect('error' in cut && cut.error.details?.reason).toBe('build_no_image')
  })
})
