import type { RouteRecordRaw } from 'vue-router'
import type { NavEntry } from '../../shared/ui/nav-entry'

export const routes: RouteRecordRaw[] = [
  { path: '/volumes', name: 'volumes', component: () => import('./VolumesView.vue') },
  { path: '/volumes/:name', name: 'volume', component: () => import('./VolumeDetailView.vue'), props: true },
]

export const nav: NavEntry = { route: 'volumes', label: 'volumes.title', icon: 'volume', order: 40, activeUnder: '/volumes' }
