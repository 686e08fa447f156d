import type { MessageOf, ParsedParamsOf, ParsedTopicParamsOf, RequestName, ResultOf, TopicName } from '../../src-shared/contract'
import type { DomainChannels, DomainName, TopicBinding } from '../channels/types'

/** What each request channel does; the router has already validated `params`. */
type RequestTable = { [K in RequestName]: (params: ParsedParamsOf<K>) => Promise<ResultOf<K>> | ResultOf<K> }
/** How each topic is bound to a shared stream source; the router has already validated `params`. */
type TopicTable = { [K in TopicName]: (params: ParsedTopicParamsOf<K>) => TopicBinding<MessageOf<K>> }

export interface ChannelTable {
  requests: RequestTable
  topics: TopicTable
}

/** Each domain of the contract with its module's channels: a handler for every channel the domain declares. */
export type ChannelsByDomain = { [D in DomainName]: DomainChannels<D> }

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never
type AllRequests = Intersection<ChannelsByDomain[DomainName]['requests']>
type AllTopics = Intersection<ChannelsByDomain[DomainName]['topics']>

/**
 * The router's table: every domain module's handlers and bindings in one. The compiler checks
 * that the domains' channels together are every declared channel, each with its handler.
 */
export function channelTable(domains: ChannelsByDomain): ChannelTable {
  const all = Object.values(domains)
  const requests: RequestTable = Object.assign({}, ...all.map((m) => m.requests)) as AllRequests
  const topics: TopicTable = Object.assign({}, ...all.map((m) => m.topics)) as AllTopics
  return { requests, topics }
}
