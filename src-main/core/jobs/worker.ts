// Starts a worker thread from a bundled .js file (the built app) or its .ts source (tests, CLI).
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker, type WorkerOptions } from 'node:worker_threads'

/**
 * `entry` is the worker's URL with a `.js` extension, relative to the calling module, e.g.
 * `new URL('./train.worker.js', import.meta.url)`. The built app has that file (electron-vite emits
 * every `*.worker.ts` as its own entry). From source, Node 20 cannot apply tsx's loader inside a
 * worker, so the `.ts` beside it is bundled once with esbuild into a cached `.mjs` under the
 * project's `node_modules/.cache` (so its package imports resolve) and run from there.
 */
export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  const jsPath = asarUnpackedPath(fileURLToPath(entry))
  if (existsSync(jsPath)) return new Worker(jsPath, options)
  const tsPath = jsPath.replace(/\.js$/, '.ts')
  if (!existsSync(tsPath)) throw new Error(`Worker entry not found: ${jsPath} (nor ${tsPath})`)
  return new Worker(bundleFromSource(tsPath), options)
}

/**
 * In the packaged app the bundle sits inside `app.asar`, which worker threads cannot load from:
 * electron-builder keeps a copy of out/main (and the packages workers import) in
 * `app.asar.unpacked` beside it (asarUnpack in electron-builder.yml). Other paths are unchanged.
 */
export function asarUnpackedPath(path: string): string {
  const unpacked = path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2')
  return unpacked !== path && existsSync(unpacked) ? unpacked : path
}

const bundled = new Map<string, string>()

function bundleFromSource(tsPath: string): string {
  const cached = bundled.get(tsPath)
  if (cached) return cached
  const root = projectRoot(tsPath)
  // Dev-only path: esbuild ships with vite and tsx, which are present wherever sources run.
  const esbuild = createRequire(join(root, 'package.json'))('esbuild') as typeof import('esbuild')
  const code = esbuild.buildSync({
    entryPoints: [tsPath],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    sourcemap: 'inline',
  }).outputFiles[0].text
  const hash = createHash('sha1').update(code).digest('hex').slice(0, 16)
  const dir = join(root, 'node_modules', '.cache', 'segue-workers')
  const out = join(dir, `${hash}.mjs`)
  if (!existsSync(out)) {
    mkdirSync(dir, { recursive: true })
    const tmp = `${out}.${process.pid}.tmp`
    writeFileSync(tmp, code)
    renameSync(tmp, out)
  }
  bundled.set(tsPath, out)
  return out
}

function projectRoot(from: string): string {
  let dir = dirname(from)
  while (!existsSync(join(dir, 'node_modules'))) {
    const up = dirname(dir)
    if (up === dir) throw new Error(`No node_modules above ${from}`)
    dir = up
  }
  return dir
}
