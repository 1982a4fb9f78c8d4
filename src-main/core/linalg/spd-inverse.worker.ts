// One thread of a team inverting a shared SPD matrix in place (see spd-inverse-parallel.ts).
import { parentPort, workerData } from 'node:worker_threads'
import type { WasmMemory, WasmModule } from '../song2vec/wasm-api'
import { jsKernels, NB, spdInverse } from './spd-inverse'
import { teamMember } from './team-barrier'
import { wasmTileKernels, type TileOffsets } from './tiles-kernel'

/** What the host hands each thread. */
export interface SpdInverseJob {
  memory: WasmMemory
  /** The compiled tile kernels; undefined runs the plain-TypeScript ones. */
  module?: WasmModule
  n: number
  rank: number
  size: number
  offsets: TileOffsets
  barrier: SharedArrayBuffer
  diag: SharedArrayBuffer
}

const job = workerData as SpdInverseJob
try {
  const { memory, n, offsets: at } = job
  const f32 = (offset: number, length: number): Float32Array =>
    new Float32Array(memory.buffer, offset, length)
  const buffers = {
    n,
    a: f32(at.a, n * n),
    panel: f32(at.panel, n * NB),
    diag: new Float64Array(job.diag),
    yT: f32(at.yT, NB * n),
    xT: f32(at.xT, NB * n),
  }
  const kernels = job.module ? wasmTileKernels(job.module, memory, n, at) : jsKernels(buffers)
  spdInverse(
    { ...buffers, kernels },
    teamMember(new Int32Array(job.barrier), job.rank, job.size),
    (stage, fraction) => parentPort?.postMessage({ type: 'progress', stage, fraction }),
  )
  parentPort?.postMessage({ type: 'done' })
} catch (e) {
  parentPort?.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) })
}
