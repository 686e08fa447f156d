import type { RouteRecordRaw } from 'vue-router'
import ContainersView from './ContainersView.vue'

// The home screen is in the first bundle; every other screen loads when first opened.
export const containersRoutes: RouteRecordRaw[] = [{ path: '/containers', name: 'containers', component: ContainersView }]
