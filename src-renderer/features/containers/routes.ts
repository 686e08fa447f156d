import type { RouteRecordRaw } from 'vue-router'
import type { NavEntry } from '../../shared/ui/nav-entry'
import ContainersView from './ContainersView.vue'

// The home screen is in the first bundle; every other screen loads when first opened.
export const routes: RouteRecordRaw[] = [{ path: '/containers', name: 'containers', component: ContainersView }]

export const nav: NavEntry = { route: 'containers', label: 'app.nav.containers', icon: 'containers', order: 10, activeUnder: '/containers' }
