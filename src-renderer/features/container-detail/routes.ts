import type { RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [{ path: '/containers/:id', name: 'container', component: () => import('./ContainerDetailView.vue'), props: true }]
