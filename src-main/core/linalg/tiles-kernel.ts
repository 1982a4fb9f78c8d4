// Loads the WebAssembly SIMD tile kernels (wasm/linalg/tiles.ts) and wraps them as TileKernels over a shared memory.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { wasm, type WasmMemory, type WasmModule } from '../song2vec/wasm-api'
import type { TileKernels } from './spd-inverse'

/** The kernels beside this module (the project's `build:wasm` script makes them). */
export const tilesUrl = new URL('./tiles.wasm', import.meta.url)
/** The same with fused multiply-add (relaxed SIMD), used where the runtime has it. */
export const tilesRelaxedUrl = new URL('./tiles-relaxed.wasm', import.meta.url)

interface TileExports {
  configure(scratch: number): void
  syrkRowTile(
    a: number,
    n: number,
    k1: number,
    panel: number,
    kb: number,
    rows: number,
    r0: number,
  ): void
  forwardRowTile(a: number, n: number, j0: number, w: number, i0: number, yT: number): void
  backwardRowTile(a: number, n: number, w: number, i0: number, i3: number, xT: number): void
}

/** Byte offsets of one thread's view of the shared memory. */
export interface TileOffsets {
  a: number
  panel: number
  yT: number
  xT: number
  scratch: number
}

/**
 * The compiled kernel (relaxed SIMD when available), or undefined when it is not built — the
 * caller then runs the plain-TypeScript kernels (same results, several times slower).
 */
export async function tilesModule(): Promise<WasmModule | undefined> {
  const relaxed = await readOptional(tilesRelaxedUrl)
  if (relaxed && relaxedAvailable(relaxed)) return wasm.compile(relaxed)
  const plain = await readOptional(tilesUrl)
  return plain && wasm.validate(plain) ? wasm.compile(plain) : undefined
}

/** One thread's kernels on `memory`. */
export function wasmTileKernels(
  module: WasmModule,
  memory: WasmMemory,
  n: number,
  at: TileOffsets,
): TileKernels {
  const x = new wasm.Instance(module, { env: { memory } }).exports as unknown as TileExports
  x.configure(at.scratch)
  return {
    syrkRowTile: (k1, kb, rows, r0) => x.syrkRowTile(at.a, n, k1, at.panel, kb, rows, r0),
    forwardRowTile: (j0, w, i0) => x.forwardRowTile(at.a, n, j0, w, i0, at.yT),
    backwardRowTile: (w, i0, i3) => x.backwardRowTile(at.a, n, w, i0, i3, at.xT),
  }
}

function relaxedAvailable(bytes: Uint8Array): boolean {
  if (wasm.validate(bytes)) return true
  try {
    setFlagsFromString('--experimental-wasm-relaxed-simd')
  } catch {
    return false
  }
  return wasm.validate(bytes)
}

async function readOptional(url: URL): Promise<Buffer | undefined> {
  try {
    return await readFile(fileURLToPath(url))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw e
  }
}
