// Builds the desktop app: main (with every *.worker.ts as its own entry beside index.js), sandboxed CJS preload, Vue renderer.
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const root = import.meta.dirname

/** `name.worker.ts` files under src-main, keyed by output name, so startWorker finds `out/main/name.worker.js`. */
function workerEntries(): Record<string, string> {
  const entries: Record<string, string> = {}
  const files = readdirSync(join(root, 'src-main'), { recursive: true, encoding: 'utf8' })
  for (const file of files) {
    const base = file.split(/[\\/]/).pop()!
    if (!base.endsWith('.worker.ts')) continue
    const name = base.replace(/\.ts$/, '')
    if (entries[name]) throw new Error(`Two workers named ${name}: worker basenames must be unique`)
    entries[name] = join(root, 'src-main', file)
  }
  return entries
}

/** Files the main process reads beside its code at run time (the WebAssembly training kernels, built by `npm run build:wasm`). */
const runtimeFiles = [
  'src-main/core/song2vec/kernel.wasm',
  'src-main/core/song2vec/kernel-relaxed.wasm',
]

function copyRuntimeFiles() {
  return {
    name: 'segue-copy-runtime-files',
    writeBundle() {
      mkdirSync(join(root, 'out/main'), { recursive: true })
      for (const file of runtimeFiles)
        copyFileSync(join(root, file), join(root, 'out/main', file.split('/').pop()!))
    },
  }
}

export default defineConfig({
  main: {
    plugins: [copyRuntimeFiles()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: join(root, 'src-main/index.ts'), ...workerEntries() },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: join(root, 'src-main/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: join(root, 'src-renderer'),
    build: {
      outDir: join(root, 'out/renderer'),
      rollupOptions: { input: join(root, 'src-renderer/index.html') },
    },
    plugins: [vue()],
  },
})
