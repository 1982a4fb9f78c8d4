// The app's side of a model's worker thread: one per loaded model, holding everything heavy about it — the model's files, both ONNX sessions (Similar songs, and the served candidates of mixes), its co-occurrence matrix and tag index — so that loading a model or scoring never runs on the thread that answers requests.
import type { Worker } from 'node:worker_threads'
import type { TagRule } from '../catalog/clean-tags'
import { startWorker } from '../jobs/worker'
import type { ScoreQuery, ScoreResult } from '../onnx/query'
import type { SimilarQuery, SimilarScores } from '../onnx/similar-scorer'
import type { SimilarMemoParts } from '../onnx/similar-memo'
import type { CoocMatrix } from '../recommend/cooc-matrix'
import type { TagIndex } from '../recommend/tag-index'
import type { ServableModel } from './servable'

/** What the worker is started with. */
export interface ModelWorkerData {
  /** The model folder (vectors, placed sets and model.onnx). */
  dir: string
  /** onnxruntime intra-op threads of each session (default 1). */
  threads?: number
}

/** The model as the app's thread keeps it: everything but the output layer (only the worker scores with it). */
export type ModelRows = Omit<ServableModel, 'output'>

/** What the worker sends once its model is loaded. */
export interface ModelReady {
  type: 'ready'
  model: ModelRows
  /** The model's input rows scaled to unit length (`rows × dim`), for "close to" reasons. */
  unit: Float32Array
}

/** Playlists as model rows, flattened: playlist `p` is `rows[starts[p] .. starts[p+1])`. */
export interface CorpusRows {
  rows: Int32Array
  starts: Uint32Array
}

/** The requests a model's worker answers, by type. */
export interface ModelRequests {
  similar: { query: SimilarQuery; result: SimilarScores }
  /**
   * Computes the Similar songs of every learnt song, `learnt` and `placed` long (batched passes
   * between other requests); the memo's buffers move to the app's thread, where one-song queries
   * then are lookups.
   */
  memoize: {
    query: { learnt: number; placed: number }
    result: { memo: SimilarMemoParts }
  }
  score: { query: ScoreQuery; result: ScoreResult }
  cooc: {
    query: CorpusRows & { window: number; distancePower: number }
    result: CoocMatrix
  }
  tags: {
    /** Tags of every row, row order, packed by {@link packTags} (one string copies at once). */
    query: { packed: string }
    /**
     * The tag index, the clean-tag rule learnt from it, and how many placed rows the Similar songs
     * pass now scores from their tags (rows its tag model placed; see tag-placed-scores.ts).
     */
    result: { index: TagIndex; admitted: TagRule['admitted']; scoredByTags: number }
  }
}

/** Messages from the worker. */
export type ModelWorkerReply =
  | ModelReady
  | { type: 'failed'; message: string }
  | { type: 'answer'; id: number; result: unknown }
  | { type: 'error'; id: number; message: string }

/** Asks the worker to exit at its next turn (see {@link ModelWorker.close}). */
export interface ModelWorkerStop {
  type: 'close'
}

/** How long a closing worker gets to exit on its own before it is terminated. */
const CLOSE_GRACE_MS = 10_000

/** A request to the worker. */
export interface ModelWorkerRequest<K extends keyof ModelRequests = keyof ModelRequests> {
  id: number
  type: K
  query: ModelRequests[K]['query']
}

const TAG_END = '\u0001'
const SONG_END = '\u0002'

/** Lists of tags as one string (tags never hold control characters; any that do lose them). */
export function packTags(lists: readonly (readonly string[])[]): string {
  const clean = (t: string) => t.replaceAll(TAG_END, '').replaceAll(SONG_END, '')
  return lists.map((tags) => tags.map(clean).join(TAG_END)).join(SONG_END)
}

/** The lists {@link packTags} packed. */
export function unpackTags(packed: string, songs: number): string[][] {
  const lists = songs === 0 ? [] : packed.split(SONG_END).map((s) => (s ? s.split(TAG_END) : []))
  if (lists.length !== songs) throw new Error(`Tags of ${lists.length} songs for ${songs} rows`)
  return lists
}

/** A query reached a worker that was closed (its model was replaced): ask the current one. */
export class ModelWorkerClosed extends Error {
  constructor() {
    super('The worker of this model was closed')
    this.name = 'ModelWorkerClosed'
  }
}

interface Pending {
  resolve: (r: never) => void
  reject: (e: Error) => void
}

export class ModelWorker {
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private closed = false

  private constructor(
    private readonly worker: Worker,
    /** The model's rows (a copy from the worker; the worker keeps its own for scoring). */
    readonly model: ModelRows,
    /** Unit input rows, `rows × dim`. */
    readonly unit: Float32Array,
  ) {
    worker.on('message', (msg: ModelWorkerReply) => {
      if (msg.type !== 'answer' && msg.type !== 'error') return
      const p = this.pending.get(msg.id)
      if (!p) return
      this.pending.delete(msg.id)
      if (msg.type === 'answer') p.resolve(msg.result as never)
      else p.reject(new Error(msg.message))
    })
    const fail = (e: Error) => {
      this.closed = true
      for (const p of this.pending.values()) p.reject(e)
      this.pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', () => fail(new ModelWorkerClosed()))
  }

  /** Starts a worker on the model folder `dir`; resolves once its model and sessions are loaded. */
  static start(dir: string, opts: { threads?: number } = {}): Promise<ModelWorker> {
    const data: ModelWorkerData = { dir, threads: opts.threads }
    const worker = startWorker(new URL('./model.worker.js', import.meta.url), {
      workerData: data,
    })
    return new Promise((resolve, reject) => {
      const onMessage = (msg: ModelWorkerReply) => {
        if (msg.type === 'ready') {
          cleanup()
          resolve(new ModelWorker(worker, msg.model, msg.unit))
        } else if (msg.type === 'failed') {
          cleanup()
          void worker.terminate()
          reject(new Error(`The model in ${dir} cannot be served: ${msg.message}`))
        }
      }
      const onError = (e: Error) => {
        cleanup()
        void worker.terminate()
        reject(e)
      }
      const onExit = (code: number) => {
        cleanup()
        reject(new Error(`The model's worker stopped while loading (exit code ${code})`))
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

  /** The best learnt and placed rows for `q` (Similar songs), one pass over every row. */
  similar(q: SimilarQuery): Promise<SimilarScores> {
    const query: SimilarQuery = {
      context: [...q.context],
      weights: q.weights && [...q.weights],
      learnt: q.learnt,
      placed: q.placed,
    }
    return this.ask('similar', query)
  }

  /** Precomputes Similar songs of every learnt song (see {@link ModelRequests.memoize}). */
  memoize(k: { learnt: number; placed: number }): Promise<ModelRequests['memoize']['result']> {
    return this.ask('memoize', { learnt: k.learnt, placed: k.placed })
  }

  /** Top-k of the model's served graph (model.onnx): the candidates of mixes, radio and journeys. */
  score(q: ScoreQuery): Promise<ScoreResult> {
    return this.ask('score', q)
  }

  /** The windowed co-occurrence of `corpus` over this model's rows (its buffers move to the worker). */
  cooc(corpus: CorpusRows, params: { window: number; distancePower: number }): Promise<CoocMatrix> {
    const moved = [corpus.rows.buffer, corpus.starts.buffer] as ArrayBuffer[]
    return this.ask('cooc', { ...corpus, ...params }, moved)
  }

  /** The tag index of the model's rows (`tags`, row order) and the clean-tag rule learnt from it. */
  tags(tags: readonly (readonly string[])[]): Promise<ModelRequests['tags']['result']> {
    return this.ask('tags', { packed: packTags(tags) })
  }

  /**
   * Stops the worker; requests still pending reject with {@link ModelWorkerClosed}. The worker is
   * asked to exit between two of its steps: terminating it inside an onnxruntime run (they are
   * synchronous, and the Similar songs precompute runs them back to back) aborts the whole process.
   * One that does not exit within {@link CLOSE_GRACE_MS} is terminated.
   */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()))
    const stop: ModelWorkerStop = { type: 'close' }
    this.worker.postMessage(stop)
    const timer = setTimeout(() => void this.worker.terminate(), CLOSE_GRACE_MS)
    await exited
    clearTimeout(timer)
  }

  private ask<K extends keyof ModelRequests>(
    type: K,
    query: ModelRequests[K]['query'],
    transfer: ArrayBuffer[] = [],
  ): Promise<ModelRequests[K]['result']> {
    if (this.closed) return Promise.reject(new ModelWorkerClosed())
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: never) => void, reject })
      const msg: ModelWorkerRequest<K> = { id, type, query }
      this.worker.postMessage(msg, transfer)
    })
  }
}
