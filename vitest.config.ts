import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// Unit tests: pure logic next to the code it tests. No engine, no browser.
export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['src-shared/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'tests/tooling/**/*.test.ts'],
    environment: 'node',
  },
})
