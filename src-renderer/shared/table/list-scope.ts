/** The list screens whose messages follow the list-screen pattern (title, search, filter, count, selected…). */
export type ListScope = 'containers' | 'images' | 'volumes'

/** What a list screen's toolbar (ListToolbar) lets the screen do. */
export interface ListToolbarHandle {
  focusSearch: (select: boolean) => void
}
