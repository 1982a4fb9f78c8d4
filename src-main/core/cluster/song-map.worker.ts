// Worker thread that computes the 2-D song map for computeMap, posting progress as it goes.
import { parentPort, workerData } from 'node:worker_threads'
import { computeMapSync, type MapOptions } from './map-layout'
import { toWireError } from './worker-protocol'

/** What computeMap hands the worker. */
export interface MapWorkerData {
  vectors: Float32Array
  n: number
  dim: number
  /** The map options without the callbacks and signal (they stay in the calling thread). */
  opts: Omit<MapOptions, 'signal' | 'onProgress'>
}

const port = parentPort
if (!port) throw new Error('song-map.worker must run as a worker thread')
const { vectors, n, dim, opts } = workerData as MapWorkerData
try {
  const coords = computeMapSync(vectors, n, dim, {
    ...opts,
    onProgress: (done, total, stage) => port.postMessage({ type: 'progress', done, total, stage }),
  })
  port.postMessage({ type: 'result', id: 0, value: coords }, [coords.buffer as ArrayBuffer])
} catch (err) {
  port.postMessage({ type: 'error', id: 0, error: toWireError(err) })
}
