import type { RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  {
    path: '/logs',
    name: 'logs',
    component: () => import('./LogsView.vue'),
    // ?ids=a,b,c (ids or names) and, from a Compose group, &project=<name>
    props: (route) => ({
      ids: String(route.query.ids ?? '')
        .split(',')
        .filter(Boolean)
        .slice(0, 32),
      project: typeof route.query.project === 'string' ? route.query.project : undefined,
    }),
  },
]
