// Inverts an SPD matrix in place with a team of worker threads over one shared WebAssembly memory.
import { startWorker } from '../jobs/worker'
import { wasm, type WasmMemory } from '../song2vec/wasm-api'
import { NB } from './spd-inverse'
import type { SpdInverseJob } from './spd-inverse.worker'
import { allocBarrier } from './team-barrier'
import { tilesModule, type TileOffsets } from './tiles-kernel'

const PAGE = 65536

/** A matrix to invert: fill `matrix` (n × n, row-major, both triangles), then call `invert`. */
export interface SharedSpd {
  n: number
  /** The matrix, then (after `invert`) its inverse; a view on shared memory. */
  matrix: Float32Array
  /** Which kernels `invert` used ('wasm-simd' or 'typescript'). */
  kernels?: 'wasm-simd' | 'typescript'
  /**
   * Replaces `matrix` by its inverse with `threads` workers (default 2). Rejects with the workers'
   * error (e.g. not positive definite); aborting terminates them.
   */
  invert(opts?: {
    threads?: number
    onProgress?: (stage: 'cholesky' | 'inverse', fraction: number) => void
    signal?: AbortSignal
  }): Promise<void>
}

/**
 * Reserves the shared memory for an n × n inverse with up to `maxThreads` threads: the matrix
 * (4n² bytes) plus a panel and two 64-row solve buffers per thread (256n bytes each).
 */
export function sharedSpd(n: number, maxThreads = 2): SharedSpd {
  const align = (x: number): number => Math.ceil(x / 64) * 64
  let at = PAGE // the kernel module's own statics live below
  const a = at
  at = align(at + n * n * 4)
  const panel = at
  at = align(at + n * NB * 4)
  const perThread: TileOffsets[] = []
  for (let t = 0; t < maxThreads; t++) {
    const yT = at
    const xT = align(yT + NB * n * 4)
    const scratch = align(xT + NB * n * 4)
    at = scratch + 64
    perThread.push({ a, panel, yT, xT, scratch })
  }
  const pages = Math.ceil(at / PAGE)
  const memory: WasmMemory = new wasm.Memory({ initial: pages, maximum: pages, shared: true })
  const spd: SharedSpd = {
    n,
    matrix: new Float32Array(memory.buffer, a, n * n),
    async invert(opts = {}) {
      const size = Math.max(1, Math.min(opts.threads ?? 2, maxThreads, Math.ceil(n / NB)))
      const module = await tilesModule()
      spd.kernels = module ? 'wasm-simd' : 'typescript'
      const barrier = allocBarrier()
      const diag = new SharedArrayBuffer(NB * NB * 8)
      const workers = perThread.slice(0, size).map((offsets, rank) => {
        const job: SpdInverseJob = {
          memory,
          module,
          n,
          rank,
          size,
          offsets,
          barrier: barrier.buffer as SharedArrayBuffer,
          diag,
        }
        return startWorker(new URL('./spd-inverse.worker.js', import.meta.url), {
          workerData: job,
        })
      })
      const stop = (): void => void workers.forEach((w) => w.terminate())
      opts.signal?.addEventListener('abort', stop, { once: true })
      try {
        await Promise.all(
          workers.map((w, rank) =>
            outcome(w, rank === 0 ? opts.onProgress : undefined, opts.signal),
          ),
        )
      } finally {
        opts.signal?.removeEventListener('abort', stop)
        await Promise.all(workers.map((w) => w.terminate()))
      }
    },
  }
  return spd
}

type Progress = (stage: 'cholesky' | 'inverse', fraction: number) => void

function outcome(
  w: ReturnType<typeof startWorker>,
  onProgress: Progress | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    w.on(
      'message',
      (m: {
        type: string
        stage?: 'cholesky' | 'inverse'
        fraction?: number
        message?: string
      }) => {
        if (m.type === 'progress') onProgress?.(m.stage!, m.fraction!)
        else if (m.type === 'done') resolve()
        else if (m.type === 'error') reject(new Error(m.message))
      },
    )
    w.on('error', reject)
    w.on('exit', (code) => {
      if (signal?.aborted) reject(signal.reason)
      else if (code !== 0) reject(new Error(`Inverse worker exited with code ${code}`))
      else resolve()
    })
  })
}
