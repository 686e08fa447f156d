// Channels of this domain are declared here (and nowhere else); index.ts merges them.
// Add entries as `'domain:verb': request<Result>()(z.strictObject({…}))` (see containers.ts).
export const volumeRequests = {}

export const volumeTopics = {}
