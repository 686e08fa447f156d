import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY } from './src-main/transport/csp'

// Browsers ignore (and warn about) frame-ancestors in a <meta> CSP; the HTTP header carries it.
const META_CSP = CONTENT_SECURITY_POLICY.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ')

// The built index.html carries the CSP itself, as do the app:// and browser-mode responses.
// Dev is left without the meta tag because Vite's dev server injects styles inline.
const cspMeta = (): Plugin => ({
  name: 'berth-csp-meta',
  apply: 'build',
  transformIndexHtml: (html: string) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${META_CSP}" />`),
})

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('src-main/index.ts'), web: resolve('src-main/web.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve('src-main/preload/index.ts') } },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [vue(), cspMeta()],
    build: {
      // electron-vite leaves bundles unminified; the renderer's parse time is start-up time.
      minify: 'esbuild',
      outDir: resolve('out/renderer'),
      rollupOptions: { input: resolve('src-renderer/index.html') },
    },
  },
})
