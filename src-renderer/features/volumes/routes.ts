import type { RouteRecordRaw } from 'vue-router'

export const volumesRoutes: RouteRecordRaw[] = [
  { path: '/volumes', name: 'volumes', component: () => import('./VolumesView.vue') },
  { path: '/volumes/:name', name: 'volume', component: () => import('./VolumeDetailView.vue'), props: true },
]
