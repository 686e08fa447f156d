import { defineConfig } from 'vitest/config'

// End-to-end: the built renderer in Debian's Chromium, through browser mode, on the real engine.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
