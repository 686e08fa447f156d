import { defineConfig } from 'vitest/config'

// Integration tests talk to the real dockerd; one file at a time keeps the engine calm.
export default defineConfig({
  test: {
    include: ['tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
