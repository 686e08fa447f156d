import type { RouteRecordRaw } from 'vue-router'
import type { NavEntry } from '../shared/ui/nav-entry'

/** What a feature's routes.ts exports: its screens, and its sidebar link if it has one. */
interface FeatureScreens {
  routes: RouteRecordRaw[]
  nav?: NavEntry
}

// Every features/<name>/routes.ts, found by Vite (and vitest) when the bundle is built: a new feature
// folder with a routes.ts is picked up without a line here. Eager, as a static import would be: the
// router is in the first bundle, and each routes.ts loads its screens lazily (the home screen aside).
// Kept apart from the features' index.ts: an entry's components would bring their styles into it.
const features = Object.values(import.meta.glob<FeatureScreens>('../features/*/routes.ts', { eager: true }))

export const featureRoutes: RouteRecordRaw[] = features.flatMap((f) => f.routes)

/** The sidebar's links, top to bottom. */
export const navEntries: NavEntry[] = features.flatMap((f) => (f.nav ? [f.nav] : [])).sort((a, b) => a.order - b.order)
