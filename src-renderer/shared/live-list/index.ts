// The live-list factory's public entry: what the feature stores build their lists with.
export { defineLiveList, type RowOutcome } from './define-live-list'
