import { createRouter, createWebHashHistory } from 'vue-router'
import { containerDetailRoutes } from '../features/container-detail/routes'
import { containersRoutes } from '../features/containers/routes'
import { hubRoutes } from '../features/hub/routes'
import { imagesRoutes } from '../features/images/routes'
import { logsRoutes } from '../features/logs/routes'
import { networksRoutes } from '../features/networks/routes'
import { registriesRoutes } from '../features/registries/routes'
import { settingsRoutes } from '../features/settings/routes'
import { statsRoutes } from '../features/stats/routes'
import { systemRoutes } from '../features/system/routes'
import { volumesRoutes } from '../features/volumes/routes'

// Each feature declares its screens in its routes.ts (the home screen in the first bundle, the
// others loaded when first opened). Kept apart from the features' index.ts: the router is in the
// first bundle, and an entry's components would bring their styles into it.
// Hash history: the same URLs work from app://berth in Electron and from the browser-mode server.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: { name: 'containers' } },
    ...containersRoutes,
    ...containerDetailRoutes,
    ...logsRoutes,
    ...networksRoutes,
    ...systemRoutes,
    ...imagesRoutes,
    ...hubRoutes,
    ...volumesRoutes,
    ...statsRoutes,
    ...registriesRoutes,
    ...settingsRoutes,
    { path: '/:pathMatch(.*)*', redirect: { name: 'containers' } },
  ],
})
