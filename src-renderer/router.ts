import { createRouter, createWebHashHistory } from 'vue-router'
import ContainerDetailView from './views/ContainerDetailView.vue'
import ContainersView from './views/ContainersView.vue'
import SettingsView from './views/SettingsView.vue'

// Hash history: the same URLs work from file:// in Electron and from the browser-mode server.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: { name: 'containers' } },
    { path: '/containers', name: 'containers', component: ContainersView },
    { path: '/containers/:id', name: 'container', component: ContainerDetailView, props: true },
    { path: '/settings', name: 'settings', component: SettingsView },
    { path: '/:pathMatch(.*)*', redirect: { name: 'containers' } },
  ],
})
