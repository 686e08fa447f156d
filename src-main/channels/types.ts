import type { z } from 'zod'
import type { domains } from '../../src-shared/contract'
import type { StreamSource } from '../streams/registry'

/** How a request channel is answered: validated params in, the contract's result out. */
type HandlersOf<R> = {
  [K in keyof R]: R[K] extends { params: infer P extends z.ZodType; result: infer Res } ? (params: z.output<P>) => Promise<Res> | Res : never
}

export interface TopicBinding<M> {
  /** Subscribers with equal keys share one source. */
  key: string
  source: () => StreamSource<M>
}

/** How each topic of a domain is bound to a stream source. */
type TopicBindingsOf<T> = {
  [K in keyof T]: T[K] extends { params: infer P extends z.ZodType; message: infer M } ? (params: z.output<P>) => TopicBinding<M> : never
}

export type DomainName = keyof typeof domains

/** What a domain's module gives the router: a handler for each of its requests, a binding for each of its topics. */
export interface DomainChannels<D extends DomainName> {
  requests: HandlersOf<(typeof domains)[D]['requests']>
  topics: TopicBindingsOf<(typeof domains)[D]['topics']>
}
