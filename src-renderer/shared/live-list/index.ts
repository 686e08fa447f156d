export { defineLiveList, type ChangesTopic, type LiveListOptions } from './define-live-list'
export { PENDING_SETTLE_MS } from './pending-rows'
