import type { z } from 'zod'
import { requests, topics } from './domains.generated'

// The domains themselves are listed in domains.generated.ts (`npm run registries` writes it): each
// file here that exports `…Requests` and/or `…Topics` is one, re-exported with `domains`,
// `requests` and `topics`. A new domain is its file; nothing here changes.
export * from './errors'
export * from './live-list'
export * from './domains.generated'

type Requests = typeof requests
type Topics = typeof topics
export type RequestName = keyof Requests
export type TopicName = keyof Topics

export type ParamsOf<K extends RequestName> = z.input<Requests[K]['params']>
export type ParsedParamsOf<K extends RequestName> = z.output<Requests[K]['params']>
export type ResultOf<K extends RequestName> = Requests[K]['result']
export type TopicParamsOf<K extends TopicName> = z.input<Topics[K]['params']>
export type ParsedTopicParamsOf<K extends TopicName> = z.output<Topics[K]['params']>
export type MessageOf<K extends TopicName> = Topics[K]['message']

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name)
}

export function isTopicName(name: unknown): name is TopicName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(topics, name)
}
