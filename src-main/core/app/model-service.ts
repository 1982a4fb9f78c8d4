// The model in use (hot-swapped after training): its worker thread scores and builds, this thread keeps its rows and the served re-rank on top.
import type { ModelInfo, PlacedBy } from '../../../src-shared/contract'
import { verifyChecksums } from '../models/checksums'
import { tagRuleFromAdmitted } from '../catalog/clean-tags'
import { ModelWorker, ModelWorkerClosed, type ModelRows } from '../models/model-worker'
import { ModelRegistry, type ModelRecord } from '../models/registry'
import { SERVED_PARAMS } from '../recommend/defaults'
import { PlaylistNeighbours } from '../recommend/playlist-neighbours'
import { corpusRowsOf, ServedRecommender } from '../recommend/served'
import { rememberTagRule } from '../recommend/why'
import type { PlaylistCorpus } from '../song2vec/types'
import { placedReason } from './placed-why'
import { SimilarMemo } from '../onnx/similar-memo'

interface Loaded {
  info: ModelInfo
  words: string[]
  counts: Uint32Array
  index: Map<string, number>
  /** Input vectors, row-major (taste centroids, journeys and "close to" reasons need them). */
  vectors: Float32Array
  dim: number
  /** The rows and what placed the placed ones. */
  model: ModelRows
  /** The served pipeline of this model: candidates re-ranked with co-occurrence evidence. */
  served: ServedRecommender
  /** The model's thread: both ONNX sessions (Similar songs; mixes' candidates). */
  worker: ModelWorker
  /** Similar songs of every learnt song, precomputed by the worker (one-song queries are lookups). */
  memo?: SimilarMemo
}

/** One answer of Similar songs: learnt songs re-ranked by the served pipeline, and placed songs. */
export interface SimilarAnswer {
  modelId: string
  results: { key: string; score: number; why: string }[]
  placed: { key: string; score: number; why: string }[]
}

/** What the served pipeline needs from the rest of the app when a model loads. */
export interface ServingContext {
  /** The playlists the model learnt from, as song keys (for co-occurrence evidence). */
  corpus(): Promise<PlaylistCorpus>
  /** Display name and tags of a song key. */
  describe(key: string): { artist: string; title: string; tags: readonly string[] }
  /** Placed songs a Similar songs answer shows (what the memo of one-song answers keeps). */
  placedShown: number
  /** Heavy work is running (training, clustering, analysis): precomputing waits for it to end. */
  busy(): boolean
}

/** Thrown when a query started on one model reached the next one; the caller retries. */
class ModelSwapped extends Error {}

/**
 * onnxruntime threads of a model's scoring pass. Two are faster only on idle cores (45k × 256:
 * 2.3 against 4.5 ms per pass); with the other core busy — training, analysis, another program —
 * they nearly doubled the answer (similar.get 15.5–17 ms against 7.9–8.6 ms with one, same run).
 */
const SCORING_THREADS = 1

/** How often a model waiting to precompute its Similar songs looks whether the app is idle. */
const WARM_RETRY_MS = 2000

/** Lets the event loop answer what is waiting before the next step of a model load. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** A query on a worker that was closed meanwhile (its model was replaced) is asked again. */
async function onWorker<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask()
  } catch (e) {
    if (e instanceof ModelWorkerClosed) throw new ModelSwapped()
    throw e
  }
}

export class ModelService {
  /** Loaded models by id: the current one and the previous (queries may still finish on it). */
  private readonly loaded = new Map<string, Loaded>()
  private currentId: string | null = null

  constructor(
    private readonly registry: ModelRegistry,
    private readonly context: ServingContext,
    private readonly warn: (message: string) => void = (m) => console.warn(m),
  ) {}

  get info(): ModelInfo | null {
    return this.current()?.info ?? null
  }

  /** Whether the model in use answers one-song Similar songs from its precomputed answers. */
  get precomputed(): boolean {
    return this.current()?.memo !== undefined
  }

  /** Serves the current model; if it is missing or corrupt, the newest complete model that loads. */
  async loadCurrent(): Promise<ModelInfo | null> {
    const currentId = await this.registry.currentId()
    const candidates = await this.registry.list()
    candidates.sort((a, b) => Number(b.id === currentId) - Number(a.id === currentId))
    for (const record of candidates) {
      try {
        await this.use(record)
        if (record.id !== currentId) {
          this.warn(
            `Model ${currentId ?? '(none)'} could not be used; serving the last good model ${record.id}`,
          )
          await this.registry.setCurrent(record.id)
        }
        return record.info
      } catch (e) {
        this.warn(`Model ${record.id} is unreadable and was skipped: ${(e as Error).message}`)
      }
    }
    return null
  }

  /**
   * Loads `record` completely, then switches to it; the old model answers until then. Everything
   * heavy (reading the files, both ONNX sessions, co-occurrence, the tag index) runs in the new
   * model's worker thread, so requests answered meanwhile do not wait for it.
   */
  async use(record: ModelRecord): Promise<void> {
    // Bytes changed on disk since training: refused here (loadCurrent falls back to the last good model).
    await verifyChecksums(record.dir)
    const worker = await ModelWorker.start(record.dir, { threads: SCORING_THREADS })
    try {
      await this.load(record, worker)
    } catch (e) {
      // The new model is not served: its worker goes too.
      void worker.close()
      throw e
    }
  }

  private async load(record: ModelRecord, worker: ModelWorker): Promise<void> {
    const { model, unit } = worker
    // Each step below is short; between them other requests get their turn.
    await nextTurn()
    const index = new Map<string, number>()
    model.vocab.forEach((w, i) => index.set(w, i))
    await nextTurn()
    const describe = (row: number) => this.context.describe(model.vocab[row])
    const tagLists = model.vocab.map((_, row) => describe(row).tags)
    await nextTurn()
    const corpus = await this.context.corpus().then((c) => corpusRowsOf(index, c))
    // The neighbour index copies the rows: the worker takes them over for the co-occurrence count.
    const neighbours = new PlaylistNeighbours(corpus.rows, corpus.starts, model.vocab.length)
    await nextTurn()
    const [cooc, tags] = await Promise.all([
      worker.cooc(corpus, {
        window: SERVED_PARAMS.coocWindow,
        distancePower: SERVED_PARAMS.coocDistancePower,
      }),
      worker.tags(tagLists),
    ])
    await nextTurn()
    rememberTagRule(tags.index, tagRuleFromAdmitted(tags.admitted))
    const served = new ServedRecommender({
      candidates: { query: (q) => onWorker(() => worker.score(q)) },
      cooc,
      neighbours,
      counts: model.counts,
      params: SERVED_PARAMS,
      nameOf: (row) => {
        const s = describe(row)
        return `"${s.title}" by ${s.artist}`
      },
      tags: tags.index,
      unit: { data: unit, dim: model.dim },
    })
    const id = record.id
    const previous = this.currentId
    this.loaded.set(id, {
      info: { ...record.info, placed: model.vocab.length - model.trained },
      words: model.vocab,
      counts: model.counts,
      index,
      vectors: model.input,
      dim: model.dim,
      model,
      served,
      worker,
    })
    this.currentId = id
    void this.precompute(id)
    for (const [key, old] of this.loaded)
      if (key !== id && key !== previous) {
        this.loaded.delete(key)
        void old.worker.close()
      }
  }

  /** The vocabulary of the model in use, row order. */
  keys(): string[] {
    return this.current()?.words ?? []
  }

  has(key: string): boolean {
    return this.current()?.index.has(key) ?? false
  }

  /** Dimensions of the model in use (0 before the first). */
  get dim(): number {
    return this.current()?.dim ?? 0
  }

  /** What placed the song, when the model has it by content rather than from playlists. */
  placedBy(key: string): PlacedBy | undefined {
    const v = this.current()
    const i = v?.index.get(key)
    return v && i !== undefined && i >= v.model.trained
      ? v.model.placedBy[i - v.model.trained]
      : undefined
  }

  /** The vector the model learnt from playlists (undefined for placed or unknown songs). */
  trainedVector(key: string): Float32Array | undefined {
    const v = this.current()
    const i = v?.index.get(key)
    return v && i !== undefined && i < v.model.trained
      ? v.vectors.subarray(i * v.dim, (i + 1) * v.dim)
      : undefined
  }

  /** Placed songs of the model in use: from the research catalogue and from the user's library. */
  placedCounts(): { catalogue: number; library: number } {
    const m = this.current()?.model
    if (!m) return { catalogue: 0, library: 0 }
    const placed = m.vocab.length - m.trained
    return { catalogue: m.placedCatalogue, library: placed - m.placedCatalogue }
  }

  /** The song's input vector in the model in use (a view, not a copy), or undefined. */
  vector(key: string): Float32Array | undefined {
    const v = this.current()
    const i = v?.index.get(key)
    return v && i !== undefined ? v.vectors.subarray(i * v.dim, (i + 1) * v.dim) : undefined
  }

  /** Occurrences of the song in the training corpus (0 if unknown): a popularity rank. */
  count(key: string): number {
    const v = this.current()
    const i = v?.index.get(key)
    return v && i !== undefined ? v.counts[i] : 0
  }

  /**
   * Similar songs for a context of songs: the learnt songs of the served pipeline (candidates
   * re-ranked with co-occurrence evidence, exactly the `served` recommender of `segue eval`) and the
   * `placedK` nearest songs placed by content, each with its reason. One scoring pass over every row
   * in the model's worker gives both lists.
   */
  async similar(keys: string[], k: number, placedK: number): Promise<SimilarAnswer> {
    return this.onCurrent(async (m) => {
      const rows = keys.map((key) => m.index.get(key)).filter((r): r is number => r !== undefined)
      if (rows.length === 0)
        throw new Error(
          'The model does not know these songs yet — retrain after importing playlists that contain them',
        )
      const query = { context: rows, learnt: m.served.poolSize(k), placed: Math.max(0, placedK) }
      const scored = m.memo?.get(query) ?? (await onWorker(() => m.worker.similar(query)))
      const answer = m.served.rerank(
        rows,
        { indices: scored.learnt.ids, scores: scored.learnt.scores },
        k,
      )
      const tagsOf = (row: number) => this.context.describe(m.words[row]).tags
      return {
        modelId: m.info.id,
        results: answer.ids.map((row, n) => ({
          key: m.words[row],
          score: answer.scores[n],
          why: answer.why[n]?.text ?? '',
        })),
        placed: scored.placed.ids.map((row, n) => ({
          key: m.words[row],
          score: scored.placed.scores[n],
          why: placedReason(m.model, row, rows, tagsOf),
        })),
      }
    })
  }

  /**
   * Raw embedding scores for a weighted context through the ONNX graph (taste centroids, radio,
   * journeys). Keys the model does not know are skipped.
   */
  async recommend(
    keys: string[],
    k: number,
    options: { weights?: number[]; exclude?: string[] } = {},
  ): Promise<{ modelId: string; results: { key: string; score: number }[] }> {
    return this.onCurrent(async (m) => {
      const context: number[] = []
      const weights: number[] = []
      keys.forEach((key, n) => {
        const row = m.index.get(key)
        if (row === undefined) return
        context.push(row)
        weights.push(options.weights?.[n] ?? 1)
      })
      if (context.length === 0) {
        throw new Error(
          'The model does not know any of these songs yet — retrain after importing playlists that contain them',
        )
      }
      const exclude = (options.exclude ?? [])
        .map((key) => m.index.get(key))
        .filter((i): i is number => i !== undefined)
      const answer = await onWorker(() => m.worker.score({ context, weights, exclude, k }))
      return {
        modelId: m.info.id,
        results: answer.indices.map((i, n) => ({ key: m.words[i], score: answer.scores[n] })),
      }
    })
  }

  /**
   * Once nothing heavy runs, has the model's worker compute Similar songs of every learnt song
   * (30–43 s of one core at 9.6k learnt × 45k rows, 58 MB): a one-song query is then a lookup. Until
   * then, and for other queries, the scoring pass answers — same lists either way.
   */
  private async precompute(id: string): Promise<void> {
    const m = this.loaded.get(id)
    if (!m) return
    // A moment to settle first: the job that loaded the model usually starts the next one (clustering).
    do await new Promise((resolve) => setTimeout(resolve, WARM_RETRY_MS).unref())
    while (this.currentId === id && this.context.busy())
    if (this.currentId !== id) return
    try {
      const done = await m.worker.memoize({
        learnt: m.served.poolSize(1),
        placed: this.context.placedShown,
      })
      m.memo = new SimilarMemo(done.memo)
    } catch (e) {
      if (!(e instanceof ModelWorkerClosed))
        this.warn(`Similar songs were not precomputed: ${(e as Error).message}`)
    }
  }

  async close(): Promise<void> {
    for (const m of this.loaded.values()) await m.worker.close()
    this.loaded.clear()
    this.currentId = null
  }

  /** Runs `fn` on the model in use; if a swap lands mid-query, runs it again on the new model. */
  private async onCurrent<T>(fn: (m: Loaded) => Promise<T>): Promise<T> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const m = this.current()
      if (!m) throw new Error('No model is loaded')
      try {
        return await fn(m)
      } catch (e) {
        if (!(e instanceof ModelSwapped)) throw e
      }
    }
    throw new Error('The model changed three times during one query; try again')
  }

  private current(): Loaded | undefined {
    return this.currentId ? this.loaded.get(this.currentId) : undefined
  }
}
