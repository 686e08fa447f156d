/**
 * Waits for the next task, letting the UI paint and handle input in between.
 *
 * Not setTimeout: browsers clamp nested timeouts to 4 ms and Node to 1 ms, which a search in
 * 5 ms slices would pay on every slice. In the page one MessageChannel is kept and every waiter
 * queued on it (a channel per wait costs more than the message); in Node (the bench, unit tests)
 * setImmediate is the same kind of hop and does not keep the process alive.
 */
export const nextTask: () => Promise<void> = typeof setImmediate === 'function' ? () => new Promise<void>((resolve) => setImmediate(resolve)) : channelTask()

function channelTask(): () => Promise<void> {
  let channel: MessageChannel | null = null
  const waiting: (() => void)[] = []
  return () =>
    new Promise<void>((resolve) => {
      if (!channel) {
        channel = new MessageChannel()
        // One message per waiter, answered in order.
        channel.port1.onmessage = () => waiting.shift()?.()
      }
      waiting.push(resolve)
      channel.port2.postMessage(null)
    })
}
