import type { RouteRecordRaw } from 'vue-router'

export const imagesRoutes: RouteRecordRaw[] = [
  { path: '/images', name: 'images', component: () => import('./ImagesView.vue') },
  { path: '/images/:id', name: 'image', component: () => import('./ImageDetailView.vue'), props: true },
]
