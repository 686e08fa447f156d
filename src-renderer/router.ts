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
    { path: '/networks', name: 'networks', component: () => import('./views/NetworksView.vue') },
    { path: '/disk', name: 'disk', component: () => import('./views/DiskView.vue') },
    { path: '/images', name: 'images', component: () => import('./views/ImagesView.vue') },
    { path: '/images/:id', name: 'image', component: () => import('./views/ImageDetailView.vue'), props: true },
    { path: '/hub', name: 'hub', component: () => import('./views/HubSearchView.vue') },
    { path: '/hub/:namespace/:name', name: 'hub-repo', component: () => import('./views/HubRepositoryView.vue'), props: true },
    { path: '/volumes', name: 'volumes', component: () => import('./views/VolumesView.vue') },
    { path: '/volumes/:name', name: 'volume', component: () => import('./views/VolumeDetailView.vue'), props: true },
    { path: '/overview', name: 'overview', component: () => import('./views/OverviewView.vue') },
    { path: '/registries', name: 'registries', component: () => import('./views/RegistriesView.vue') },
    { path: '/registries/:registry', name: 'registry', component: () => import('./views/RegistryBrowseView.vue'), props: true },
    { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
    { path: '/:pathMatch(.*)*', redirect: { name: 'containers' } },
  ],
})
