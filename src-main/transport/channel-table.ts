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

/** One module per domain of the contract, each handling every channel its domain declares. */
export type DomainModules = { [D in DomainName]: DomainChannels<D> }

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never
type AllRequests = Intersection<DomainModules[DomainName]['requests']>
type AllTopics = Intersection<DomainModules[DomainName]['topics']>

/**
 * The router's table: every domain module's handlers and bindings in one. The compiler checks
 * that the domains' channels together are every declared channel, each with its handler.
 */
export function channelTable(modules: DomainModules): ChannelTable {
  const all = Object.values(modules)
  const requests: RequestTable = Object.assign({}, ...all.map((m) => m.requests)) as AllRequests
  const topics: TopicTable = Object.assign({}, ...all.map((m) => m.topics)) as AllTopics
  return { requests, topics }
}
