// Worker thread that fits spherical k-means for the pool in kmeans-pool.ts, one k per message.
import { parentPort, workerData } from 'node:worker_threads'
import { sphericalKMeansUnit } from './kmeans'
import type { KMeansTask, KMeansWorkerData } from './kmeans-pool'
import { toWireError } from './worker-protocol'

const { rows, n, dim } = workerData as KMeansWorkerData
const port = parentPort
if (!port) throw new Error('kmeans-fit.worker must run as a worker thread')

port.on('message', ({ id, task }: { id: number; task: KMeansTask }) => {
  try {
    const value = sphericalKMeansUnit(rows, n, dim, task)
    port.postMessage({ type: 'result', id, value }, [
      value.assignments.buffer as ArrayBuffer,
      value.centroids.buffer as ArrayBuffer,
    ])
  } catch (err) {
    port.postMessage({ type: 'error', id, error: toWireError(err) })
  }
})
