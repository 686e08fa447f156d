import { Transform, type Readable, type Writable } from 'node:stream'
import { extract as tarExtract } from 'tar-stream'
import { trackStream } from '../../streams/gauge'
import type { ProgressReporter } from './progress'

/** Copies `from` into `out` with backpressure, counting bytes; rejects when either side fails or the receiver goes away. */
export function pipeCounting(from: Readable, out: Writable, progress: ProgressReporter): Promise<number> {
  const release = trackStream('volumes:transfer')
  let bytes = 0
  return new Promise<number>((resolve, reject) => {
    let settled = false
    const fail = (err: Error) => {
      if (settled) return
      settled = true
      from.destroy()
      reject(err)
    }
    from.on('data', (c: Buffer) => {
      bytes += c.length
      progress.add(c.length)
      if (!out.write(c)) {
        from.pause()
        out.once('drain', () => from.resume())
      }
    })
    from.on('end', () => {
      if (settled) return
      settled = true
      resolve(bytes)
    })
    from.on('error', fail)
    out.on('error', fail)
    out.on('close', () => fail(new Error('the receiver went away')))
  }).finally(release)
}

/** Writes the content of an archive's first entry (a file's own archive holds just it) to `out`, then stops reading. */
export function pipeFirstEntry(archive: Readable, out: Writable, progress: ProgressReporter): Promise<number> {
  const ex = tarExtract()
  return new Promise<number>((resolve, reject) => {
    let settled = false
    const finish = (err: Error | null, bytes = 0) => {
      if (settled) return
      settled = true
      archive.unpipe(ex)
      archive.destroy()
      ex.destroy()
      if (err) reject(err)
      else resolve(bytes)
    }
    ex.on('entry', (_h, body) => {
      // tar-stream's entries are streamx readables: the same data/end/error events and pause/resume.
      pipeCounting(body as unknown as Readable, out, progress).then(
        (n) => finish(null, n),
        (e: Error) => finish(e),
      )
    })
    ex.on('finish', () => finish(null, 0))
    ex.on('error', (e) => finish(e))
    archive.on('error', (e) => finish(e))
    archive.pipe(ex)
  })
}

/** A pass-through that counts what flows to the engine (an import's or a clone's bytes). */
export function countingStream(progress: ProgressReporter): Transform & { bytes: number } {
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      t.bytes += chunk.length
      progress.add(chunk.length)
      done(null, chunk)
    },
  }) as Transform & { bytes: number }
  t.bytes = 0
  return t
}

/** Whether a folder's archive holds anything besides the folder itself; stops reading at the first such entry. */
export function archiveHasEntries(archive: Readable): Promise<boolean> {
  const ex = tarExtract()
  return new Promise<boolean>((resolve, reject) => {
    let settled = false
    const finish = (err: Error | null, value = false) => {
      if (settled) return
      settled = true
      archive.unpipe(ex)
      archive.destroy()
      ex.destroy()
      if (err) reject(err)
      else resolve(value)
    }
    ex.on('entry', (h, body, next) => {
      if (h.name.replace(/^(\.\/)+/, '').replace(/\/+$/, '') !== '' && h.name !== '.') return finish(null, true)
      body.on('end', next)
      body.resume()
    })
    ex.on('finish', () => finish(null, false))
    ex.on('error', (e) => finish(e))
    archive.on('error', (e) => finish(e))
    archive.pipe(ex)
  })
}
