// The 2-D song map off the calling thread: runs computeMapSync in a worker, with progress and abort.
import { startWorker } from '../jobs/worker'
import { abortError } from './abort'
import type { MapOptions, MapStage } from './map-layout'
import type { MapWorkerData } from './song-map.worker'
import { checkShape } from './vectors'
import { fromWireError, type WorkerReply } from './worker-protocol'

/**
 * Map coordinates (`n × 2`, row-major) for the `n × dim` vectors: UMAP on cosine distance (see
 * computeMapSync), computed in a worker thread. Aborting terminates the worker at once and
 * rejects with an AbortError. The same seed gives bitwise-identical coordinates.
 */
export function computeMap(
  vectors: Float32Array,
  n: number,
  dim: number,
  opts: MapOptions,
): Promise<Float32Array> {
  checkShape(vectors, n, dim)
  const { signal, onProgress, ...rest } = opts
  if (signal?.aborted) return Promise.reject(abortError())
  const data: MapWorkerData = { vectors, n, dim, opts: rest }
  const worker = startWorker(new URL('./song-map.worker.js', import.meta.url), { workerData: data })
  return new Promise<Float32Array>((resolve, reject) => {
    let settled = false
    const finish = (err: Error | undefined, value?: Float32Array): void => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      void worker.terminate()
      if (err) reject(err)
      else resolve(value as Float32Array)
    }
    const onAbort = (): void => finish(abortError())
    signal?.addEventListener('abort', onAbort, { once: true })
    worker.on('message', (msg: WorkerReply<Float32Array>) => {
      if (msg.type === 'progress') onProgress?.(msg.done, msg.total, msg.stage as MapStage)
      else if (msg.type === 'result') finish(undefined, msg.value)
      else finish(fromWireError(msg.error))
    })
    worker.on('error', (err) => finish(err))
    worker.on('exit', (code) =>
      finish(new Error(`Map worker stopped before finishing (exit code ${code})`)),
    )
  })
}
