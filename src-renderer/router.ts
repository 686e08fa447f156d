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
    { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
    { path: '/:pathMatch(.*)*', redirect: { name: 'containers' } },
  ],
})
