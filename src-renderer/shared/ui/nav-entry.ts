import type { IconName } from './AppIcon.vue'

/** A feature's link in the sidebar, declared in its routes.ts (`export const nav`) beside the route it opens. */
export interface NavEntry {
  /** The name of the route the link opens. */
  route: string
  /** The i18n key of its label. */
  label: string
  icon: IconName
  /** Its place in the sidebar: lower comes first. */
  order: number
  /** Highlighted on every path under this prefix (its detail screens too); without it, on its own route only. */
  activeUnder?: string
}
