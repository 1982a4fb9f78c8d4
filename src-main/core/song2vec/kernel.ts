// Loads the compiled WebAssembly training kernel (wasm/song2vec/kernel.ts) and types its exports.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { wasm, type WasmMemory, type WasmModule } from './wasm-api'

/** The kernel's exports (pointers are byte offsets into the shared memory). */
export interface KernelExports {
  configure(
    syn0: number,
    syn1: number,
    dim: number,
    cum: number,
    guide: number,
    guideBits: number,
    sampleInt: number,
    useSubsampling: number,
    sigmoid: number,
    softplus: number,
    negative: number,
    window: number,
    sg: number,
    neu1: number,
    work: number,
    targets: number,
    context: number,
    sentence: number,
    stamps: number,
  ): void
  seedRandom(hi: number, lo: number): void
  getLossSum(): number
  getLossCount(): number
  resetLoss(): void
  trainPlaylists(words: number, offsets: number, first: number, last: number, alpha: number): void
  cbowUpdate(
    word: number,
    context: number,
    contextCount: number,
    negatives: number,
    negativeCount: number,
    alpha: number,
  ): void
  sgUpdate(
    word: number,
    contextWord: number,
    negatives: number,
    negativeCount: number,
    alpha: number,
  ): void
  drawNegatives(out: number, count: number): void
  countKept(word: number, count: number): number
}

/** Where the build puts the kernels: beside this module (the built app copies them there too). */
export const kernelUrl = new URL('./kernel.wasm', import.meta.url)
/** The same kernel with fused multiply-add (relaxed SIMD), used where the runtime has it. */
export const relaxedKernelUrl = new URL('./kernel-relaxed.wasm', import.meta.url)

const ASC_FLAGS =
  '--enable simd --enable threads -O3 --runtime stub --importMemory --sharedMemory ' +
  '--maximumMemory 65536 --noExportMemory'

/** The build commands (the project's `build:wasm` script), run from the project root. */
export const kernelBuildCommands = [
  `asc wasm/song2vec/kernel.ts ${ASC_FLAGS} -o src-main/core/song2vec/kernel.wasm`,
  `asc wasm/song2vec/kernel.ts ${ASC_FLAGS} --enable relaxed-simd -o src-main/core/song2vec/kernel-relaxed.wasm`,
]

let compiled: Promise<WasmModule> | undefined

/** The compiled kernel, read and compiled once per process (workers get it by message). */
export function kernelModule(): Promise<WasmModule> {
  compiled ??= compileKernel().catch((e: unknown) => {
    compiled = undefined
    throw e
  })
  return compiled
}

async function compileKernel(): Promise<WasmModule> {
  const relaxed = await readOptional(relaxedKernelUrl)
  if (relaxed && relaxedSimdAvailable(relaxed)) return wasm.compile(relaxed)
  const plain = await readOptional(kernelUrl)
  if (!plain) {
    throw new Error(
      `The Song2Vec training kernel is not built (${fileURLToPath(kernelUrl)} is missing). ` +
        `Build it from the project root with: npx ${kernelBuildCommands.join(' && npx ')}`,
    )
  }
  try {
    return await wasm.compile(plain)
  } catch (e) {
    throw new Error(
      `The Song2Vec training kernel could not be compiled (${(e as Error).message}): it needs ` +
        'WebAssembly SIMD and threads (Node 20+, Electron 28+). Rebuild it with: npx ' +
        kernelBuildCommands[0],
    )
  }
}

/**
 * Whether this runtime runs relaxed SIMD. It ships enabled from V8 11.4 (Node 22, Electron 25);
 * Node 20's V8 11.3 has the finished feature behind a flag, which we turn on (it only lets modules
 * use those instructions).
 */
function relaxedSimdAvailable(bytes: Uint8Array): boolean {
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

/** An instance of the kernel on `memory` (one per thread). */
export function instantiateKernel(module: WasmModule, memory: WasmMemory): KernelExports {
  const instance = new wasm.Instance(module, { env: { memory } })
  return instance.exports as unknown as KernelExports
}
