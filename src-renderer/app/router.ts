import { createRouter, createWebHashHistory } from 'vue-router'
import { featureRoutes } from './screens'

// Each feature declares its screens in its routes.ts (collected in screens.ts).
// Hash history: the same URLs work from app://berth in Electron and from the browser-mode server.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [{ path: '/', redirect: { name: 'containers' } }, ...featureRoutes, { path: '/:pathMatch(.*)*', redirect: { name: 'containers' } }],
})
