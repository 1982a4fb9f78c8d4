// Packaging test: electron-builder packs the built app (out/) for Linux with a stand-in Electron, and a real .deb is built offline; run by `npm run test:package`.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    pool: 'forks',
  },
})
