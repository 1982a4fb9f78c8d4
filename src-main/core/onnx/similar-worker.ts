// The app's side of a similar-songs worker: one per loaded model, so scoring and model loads never run on the thread that answers requests.
import type { Worker } from 'node:worker_threads'
import { startWorker } from '../jobs/worker'
import type { SimilarQuery, SimilarScores } from './similar-scorer'

/** What the worker is started with. */
export interface SimilarWorkerData {
  /** The model folder (vectors and placed sets, as `loadServable` reads them). */
  dir: string
  /** onnxruntime intra-op threads of the scoring pass (default 1). */
  threads?: number
}

/** Messages from the worker. */
export type SimilarWorkerReply =
  | { type: 'ready'; rows: number; trained: number }
  | { type: 'failed'; message: string }
  | { type: 'answer'; id: number; result: SimilarScores }
  | { type: 'error'; id: number; message: string }

/** A query reached a worker that was closed (its model was replaced): ask the current one. */
export class SimilarWorkerClosed extends Error {
  constructor() {
    super('The similar-songs worker of this model was closed')
    this.name = 'SimilarWorkerClosed'
  }
}

interface Pending {
  resolve: (r: SimilarScores) => void
  reject: (e: Error) => void
}

export class SimilarWorker {
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private closed = false

  private constructor(
    private readonly worker: Worker,
    /** Rows served (learnt + placed) and rows learnt. */
    readonly rows: number,
    readonly trained: number,
  ) {
    worker.on('message', (msg: SimilarWorkerReply) => {
      if (msg.type !== 'answer' && msg.type !== 'error') return
      const p = this.pending.get(msg.id)
      if (!p) return
      this.pending.delete(msg.id)
      if (msg.type === 'answer') p.resolve(msg.result)
      else p.reject(new Error(msg.message))
    })
    const fail = (e: Error) => {
      this.closed = true
      for (const p of this.pending.values()) p.reject(e)
      this.pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', () => fail(new SimilarWorkerClosed()))
  }

  /** Starts a worker on the model folder `dir`; resolves once its model is loaded and ready. */
  static start(dir: string, opts: { threads?: number } = {}): Promise<SimilarWorker> {
    const data: SimilarWorkerData = { dir, threads: opts.threads }
    const worker = startWorker(new URL('./similar.worker.js', import.meta.url), {
      workerData: data,
    })
    return new Promise((resolve, reject) => {
      const onMessage = (msg: SimilarWorkerReply) => {
        if (msg.type === 'ready') {
          cleanup()
          resolve(new SimilarWorker(worker, msg.rows, msg.trained))
        } else if (msg.type === 'failed') {
          cleanup()
          void worker.terminate()
          reject(new Error(`Similar songs cannot be served from ${dir}: ${msg.message}`))
        }
      }
      const onError = (e: Error) => {
        cleanup()
        void worker.terminate()
        reject(e)
      }
      const onExit = (code: number) => {
        cleanup()
        reject(new Error(`The similar-songs worker stopped while loading (exit code ${code})`))
      }
      const cleanup = () => {
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
      }
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
    })
  }

  /** The best learnt and placed rows for `q`, scored in the worker. */
  query(q: SimilarQuery): Promise<SimilarScores> {
    if (this.closed) return Promise.reject(new SimilarWorkerClosed())
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.worker.postMessage({
        id,
        query: {
          context: [...q.context],
          weights: q.weights && [...q.weights],
          learnt: q.learnt,
          placed: q.placed,
        },
      })
    })
  }

  /** Stops the worker; queries still pending reject with {@link SimilarWorkerClosed}. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.worker.terminate()
  }
}
