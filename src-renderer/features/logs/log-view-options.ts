import type { SearchQuery, StreamFilter } from './log-search'

/** How a log view shows its lines; none of it touches the stream. */
export interface LogViewOptions {
  timestamps: boolean
  utc: boolean
  wrap: boolean
  streams: StreamFilter
  /** Show only lines matching the search (and `context` lines around each). */
  filter: boolean
  context: number
}

export const defaultViewOptions = (): LogViewOptions => ({ timestamps: true, utc: false, wrap: false, streams: 'both', filter: false, context: 0 })
export const emptyQuery = (): SearchQuery => ({ text: '', regex: false, caseSensitive: false })

/** What the range fields hold: text as typed. */
export interface RangeFields {
  tail: string
  since: string
  until: string
}

export const TAIL_CHOICES = ['100', '1000', '10000', '100000', 'all'] as const
