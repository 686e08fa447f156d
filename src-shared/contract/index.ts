import type { z } from 'zod'
import { containerRequests, containerTopics } from './containers'
import { engineRequests, engineTopics } from './engine'
import { eventTopics } from './events'
import { execRequests, execTopics } from './exec'
import { logRequests, logTopics } from './logs'
import { preferenceRequests } from './preferences'
import { statsRequests, statsTopics } from './stats'
import { imageRequests, imageTopics } from './images'
import { hubRequests, hubTopics } from './hub'
import { registryRequests, registryTopics } from './registries'
import { runRequests, runTopics } from './run'
import { buildRequests, buildTopics } from './build'
import { volumeRequests, volumeTopics } from './volumes'
import { networkRequests, networkTopics } from './networks'
import { fileRequests, fileTopics } from './files'
import { systemRequests, systemTopics } from './system'

export * from './errors'
export * from './live-list'
export * from './containers'
export * from './engine'
export * from './events'
export * from './exec'
export * from './logs'
export * from './preferences'
export * from './stats'
export * from './images'
export * from './hub'
export * from './registries'
export * from './run'
export * from './build'
export * from './volumes'
export * from './networks'
export * from './files'
export * from './system'

/** Every domain's channels, by domain: a channel's prefix is the name of the file that declares it. */
export const domains = {
  containers: { requests: containerRequests, topics: containerTopics },
  engine: { requests: engineRequests, topics: engineTopics },
  events: { requests: {}, topics: eventTopics },
  preferences: { requests: preferenceRequests, topics: {} },
  logs: { requests: logRequests, topics: logTopics },
  stats: { requests: statsRequests, topics: statsTopics },
  exec: { requests: execRequests, topics: execTopics },
  images: { requests: imageRequests, topics: imageTopics },
  hub: { requests: hubRequests, topics: hubTopics },
  registries: { requests: registryRequests, topics: registryTopics },
  run: { requests: runRequests, topics: runTopics },
  build: { requests: buildRequests, topics: buildTopics },
  volumes: { requests: volumeRequests, topics: volumeTopics },
  networks: { requests: networkRequests, topics: networkTopics },
  files: { requests: fileRequests, topics: fileTopics },
  system: { requests: systemRequests, topics: systemTopics },
} as const

export const requests = {
  ...containerRequests,
  ...engineRequests,
  ...preferenceRequests,
  ...logRequests,
  ...statsRequests,
  ...execRequests,
  ...imageRequests,
  ...hubRequests,
  ...registryRequests,
  ...runRequests,
  ...buildRequests,
  ...volumeRequests,
  ...networkRequests,
  ...fileRequests,
  ...systemRequests,
}
export const topics = {
  ...containerTopics,
  ...engineTopics,
  ...eventTopics,
  ...logTopics,
  ...statsTopics,
  ...execTopics,
  ...imageTopics,
  ...hubTopics,
  ...registryTopics,
  ...runTopics,
  ...buildTopics,
  ...volumeTopics,
  ...networkTopics,
  ...fileTopics,
  ...systemTopics,
}

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
