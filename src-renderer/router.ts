import { createRouter, createWebHashHistory } from 'vue-router'
import ContainersView from './views/ContainersView.vue'

// The home screen is in the first bundle; other screens load when first opened.
// Hash history: the same URLs work from file:// in Electron and from the browser-mode server.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: { name: 'containers' } },
    { path: '/containers', name: 'containers', component: ContainersView },
    { path: '/containers/:id', name: 'container', component: () => import('./views/ContainerDetailView.vue'), props: true },
    {
      path: '/logs',
      name: 'logs',
      component: () => import('./views/LogsView.vue'),
      // ?ids=a,b,c (ids or names) and, from a Compose group, &project=<name>
      props: (route) => ({
        ids: String(route.query.ids ?? '')
          .split(',')
          .filter(Boolean)
          .slice(0, 32),
        project: typeof route.query.project === 'string' ? route.query.project : undefined,
      }),
    },
    { path: '/overview', name: 'overview', component: () => import('./views/OverviewView.vue') },
    { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
    { path: '/:pathMatch(.*)*', redirect: { name: 'containers' } },
  ],
})
