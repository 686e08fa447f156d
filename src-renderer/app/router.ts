import { createRouter, createWebHashHistory } from 'vue-router'
import ContainersView from '../features/containers/ContainersView.vue'

// The home screen is in the first bundle; other screens load when first opened.
// Hash history: the same URLs work from file:// in Electron and from the browser-mode server.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: { name: 'containers' } },
    { path: '/containers', name: 'containers', component: ContainersView },
    { path: '/containers/:id', name: 'container', component: () => import('../features/container-detail/ContainerDetailView.vue'), props: true },
    {
      path: '/logs',
      name: 'logs',
      component: () => import('../features/logs/LogsView.vue'),
      // ?ids=a,b,c (ids or names) and, from a Compose group, &project=<name>
      props: (route) => ({
        ids: String(route.query.ids ?? '')
          .split(',')
          .filter(Boolean)
          .slice(0, 32),
        project: typeof route.query.project === 'string' ? route.query.project : undefined,
      }),
    },
    { path: '/networks', name: 'networks', component: () => import('../features/networks/NetworksView.vue') },
    { path: '/disk', name: 'disk', component: () => import('../features/system/DiskView.vue') },
    { path: '/images', name: 'images', component: () => import('../features/images/ImagesView.vue') },
    { path: '/images/:id', name: 'image', component: () => import('../features/images/ImageDetailView.vue'), props: true },
    { path: '/hub', name: 'hub', component: () => import('../features/hub/HubSearchView.vue') },
    { path: '/hub/:namespace/:name', name: 'hub-repo', component: () => import('../features/hub/HubRepositoryView.vue'), props: true },
    { path: '/volumes', name: 'volumes', component: () => import('../features/volumes/VolumesView.vue') },
    { path: '/volumes/:name', name: 'volume', component: () => import('../features/volumes/VolumeDetailView.vue'), props: true },
    { path: '/overview', name: 'overview', component: () => import('../features/stats/OverviewView.vue') },
    { path: '/registries', name: 'registries', component: () => import('../features/registries/RegistriesView.vue') },
    { path: '/registries/:registry', name: 'registry', component: () => import('../features/registries/RegistryBrowseView.vue'), props: true },
    { path: '/settings', name: 'settings', component: () => import('../features/settings/SettingsView.vue') },
    { path: '/:pathMatch(.*)*', redirect: { name: 'containers' } },
  ],
})
