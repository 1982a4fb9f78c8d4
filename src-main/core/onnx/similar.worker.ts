// Worker thread hosting one model's SimilarScorer: loads the model folder off the app's thread, then answers queries in order.
import { parentPort, workerData } from 'node:worker_threads'
import { loadServable } from '../models/servable'
import { servedHeadsOf } from '../recommend/defaults'
import { SimilarScorer, type SimilarQuery } from './similar-scorer'
import type { SimilarWorkerData, SimilarWorkerReply } from './similar-worker'

const port = parentPort
if (!port) throw new Error('This module must run as a worker thread')
const data = workerData as SimilarWorkerData

const post = (msg: SimilarWorkerReply) => port.postMessage(msg)

async function main(): Promise<void> {
  let scorer: SimilarScorer
  try {
    const model = await loadServable(data.dir)
    scorer = await SimilarScorer.create(model, servedHeadsOf(model.kind), {
      intraOpNumThreads: data.threads,
    })
    // onnxruntime's first run packs the matrices: pay it here, not in the first request.
    await scorer.query({ context: [0], learnt: 1, placed: 1 })
    post({ type: 'ready', rows: scorer.rows, trained: scorer.trained })
  } catch (e) {
    post({ type: 'failed', message: (e as Error).message })
    return
  }
  port!.on('message', (msg: { id: number; query: SimilarQuery }) => {
    scorer.query(msg.query).then(
      (result) => post({ type: 'answer', id: msg.id, result }),
      (e: Error) => post({ type: 'error', id: msg.id, message: e.message }),
    )
  })
}

void main()
