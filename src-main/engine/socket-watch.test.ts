import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeSocketFolders } from './fixtures/fake-socket-folders'
import { SOCKET_SETTLE_MS, watchSocket, type SocketWatch } from './socket-watch'

const SOCKET = '/run/engine/docker.sock'

let fs: FakeSocketFolders
let returns: number
let broken: number
let watch: SocketWatch | null
const start = (path = SOCKET) =>
  (watch = watchSocket(
    path,
    () => returns++,
    () => broken++,
    fs,
  ))

/** One settle time on, the watch is on `folder` alone, and a socket bound then is noticed once. */
async function expectWatchOnThenReturn(folder: string): Promise<void> {
  await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
  expect(fs.watched()).toEqual([folder])
  fs.bind(SOCKET)
  await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
  expect(returns).toBe(1)
}

beforeEach(() => {
  vi.useFakeTimers()
  fs = new FakeSocketFolders(['/run/engine'])
  returns = 0
  broken = 0
  watch = null
})
afterEach(() => {
  watch?.close()
  vi.useRealTimers()
})

describe('watchSocket', () => {
  it('calls back once the socket appears, after the changes have settled and not before', async () => {
    start()
    expect(fs.watched()).toEqual(['/run/engine'])
    expect(watch!.present()).toBe(false)
    fs.bind(SOCKET)
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS - 1)
    expect(returns).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(returns).toBe(1)
    expect(watch!.present()).toBe(true)
  })

  it('makes one call of a burst of changes (bind, listen, chmod), and one look at the socket', async () => {
    start()
    const looks = fs.looks
    fs.bind(SOCKET)
    fs.touch(SOCKET)
    fs.touch(SOCKET)
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(returns).toBe(1)
    expect(fs.looks - looks).toBe(1)
  })

  it('looks within the settle time of the first change however busy the folder is', async () => {
    start()
    fs.bind(SOCKET)
    for (let t = 0; t < SOCKET_SETTLE_MS; t += 10) {
      fs.touch('/run/engine/other.pid')
      await vi.advanceTimersByTimeAsync(10)
    }
    expect(returns).toBe(1)
  })

  it('stays quiet for other files in the folder and for the socket going away', async () => {
    start()
    fs.touch('/run/engine/other.pid')
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS * 4)
    fs.bind(SOCKET)
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    fs.unlink(SOCKET)
    fs.touch('/run/engine/other.pid')
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS * 4)
    expect(returns).toBe(1)
  })

  it('calls back when a socket that was there (stale, refusing) is replaced by a new one, and not while it stays', async () => {
    fs.bind(SOCKET)
    start()
    expect(watch!.present()).toBe(true)
    fs.touch('/run/engine/other.pid')
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS * 2)
    expect(returns).toBe(0)
    fs.unlink(SOCKET)
    fs.bind(SOCKET)
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(returns).toBe(1)
  })

  it('watches the nearest folder that exists while the socket’s folder is missing, and moves down as folders appear', async () => {
    fs.rmdir('/run/engine')
    const deep = '/run/user/1000/podman/podman.sock'
    start(deep)
    expect(fs.watched()).toEqual(['/run'])
    fs.mkdir('/run/user')
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(fs.watched()).toEqual(['/run/user'])
    fs.mkdir('/run/user/1000/podman')
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(fs.watched()).toEqual(['/run/user/1000/podman'])
    expect(returns).toBe(0)
    fs.bind(deep)
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(returns).toBe(1)
  })

  it('notices a socket made together with its folder, before the folder’s own watch started', async () => {
    fs.rmdir('/run/engine')
    start()
    fs.mkdir('/run/engine')
    fs.bind(SOCKET)
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(fs.watched()).toEqual(['/run/engine'])
    expect(returns).toBe(1)
  })

  it('goes down past a folder made while the watch above it was being set up', async () => {
    fs.rmdir('/run/engine')
    fs.whileWatching = (folder) => {
      if (folder === '/run') fs.mkdir('/run/engine')
    }
    start()
    fs.whileWatching = null
    expect(fs.watched()).toEqual(['/run/engine'])
    fs.bind(SOCKET)
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(returns).toBe(1)
  })

  it('climbs up when the watched folder is removed, and back down when it is made again', async () => {
    start()
    fs.rmdir('/run/engine')
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(fs.watched()).toEqual(['/run'])
    fs.mkdir('/run/engine')
    await expectWatchOnThenReturn('/run/engine')
  })

  it('watches anew a folder that was removed and made again within one settle time', async () => {
    start()
    fs.rmdir('/run/engine')
    fs.mkdir('/run/engine')
    await expectWatchOnThenReturn('/run/engine')
  })

  it('replaces a watch that broke, on the same folder', async () => {
    start()
    fs.fail('/run/engine')
    await expectWatchOnThenReturn('/run/engine')
  })

  it('watches where a socket that is a symbolic link leads (Docker Desktop’s /var/run/docker.sock)', async () => {
    fs.mkdir('/home/me/.docker/run')
    fs.link(SOCKET, '/home/me/.docker/run/docker.sock')
    start()
    expect(fs.watched()).toEqual(['/home/me/.docker/run'])
    fs.bind('/home/me/.docker/run/docker.sock')
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(returns).toBe(1)
  })

  it('throws when the folder cannot be watched at all, and says it broke when a folder on the way down cannot', async () => {
    fs.unwatchable.add('/run/engine')
    expect(() => start()).toThrow(/EACCES/)
    watch = null
    fs.rmdir('/run/engine')
    start()
    fs.mkdir('/run/engine')
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(broken).toBe(1)
    expect(fs.watched()).toEqual([])
  })

  it('after close calls nothing and leaves no watch or timer behind', async () => {
    start()
    fs.bind(SOCKET)
    watch!.close()
    expect(fs.watched()).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS * 2)
    expect(returns).toBe(0)
  })
})
