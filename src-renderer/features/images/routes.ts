import type { RouteRecordRaw } from 'vue-router'
import type { NavEntry } from '../../shared/ui/nav-entry'

export const routes: RouteRecordRaw[] = [
  { path: '/images', name: 'images', component: () => import('./ImagesView.vue') },
  { path: '/images/:id', name: 'image', component: () => import('./ImageDetailView.vue'), props: true },
]

export const nav: NavEntry = { route: 'images', label: 'images.nav', icon: 'layers', order: 20, activeUnder: '/images' }
