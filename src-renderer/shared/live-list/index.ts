export { defineLiveList, type ChangesTopic, type LiveList, type LiveListOptions } from './define-live-list'
export { PENDING_SETTLE_MS } from './pending-rows'
