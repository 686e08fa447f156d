import type { z } from 'zod'
import type { StreamSource } from '../streams/registry'

/** How a request channel is answered: validated params in, the contract's result out. */
export type HandlersOf<R> = {
  [K in keyof R]: R[K] extends { params: infer P extends z.ZodType; result: infer Res } ? (params: z.output<P>) => Promise<Res> | Res : never
}

export interface TopicBinding<M> {
  /** Subscribers with equal keys share one source. */
  key: string
  source: () => StreamSource<M>
}

/** How each topic of a domain is bound to a stream source. */
export type TopicBindingsOf<T> = {
  [K in keyof T]: T[K] extends { params: infer P extends z.ZodType; message: infer M } ? (params: z.output<P>) => TopicBinding<M> : never
}
