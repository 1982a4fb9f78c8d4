// The model in use: one ONNX serving slot (hot-swapped after training) plus the vocabulary of each model that may still be answering.
import { join } from 'node:path'
import type { ModelInfo } from '../../../src-shared/contract'
import { ModelRegistry, ONNX_FILE, type ModelRecord } from '../models/registry'
import { ServingModel, type ServedResult } from '../onnx/serving-model'
import type { ScoreQuery } from '../onnx/query'
import { loadModel } from '../song2vec/model-files'

interface Vocabulary {
  info: ModelInfo
  words: string[]
  counts: Uint32Array
  index: Map<string, number>
  /** Input vectors, row-major (taste centroids, journeys and "close to" reasons need them). */
  vectors: Float32Array
  dim: number
}

export class ModelService {
  private readonly serving = new ServingModel()
  /** Vocabularies by model id: the current one and the previous (queries may still finish on it). */
  private readonly vocabs = new Map<string, Vocabulary>()
  private currentId: string | null = null

  constructor(
    private readonly registry: ModelRegistry,
    private readonly warn: (message: string) => void = (m) => console.warn(m),
  ) {}

  get info(): ModelInfo | null {
    return this.currentId ? this.vocabs.get(this.currentId)!.info : null
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
          this.warn(`Model ${currentId ?? '(none)'} could not be used; serving the last good model ${record.id}`)
          await this.registry.setCurrent(record.id)
        }
        return record.info
      } catch (e) {
        this.warn(`Model ${record.id} is unreadable and was skipped: ${(e as Error).message}`)
      }
    }
    return null
  }

  /** Loads `record` completely, then switches to it; the old model answers until then. */
  async use(record: ModelRecord): Promise<void> {
    const model = await loadModel(record.dir)
    const words = model.vocab
    const vocab: Vocabulary = {
      info: record.info,
      words,
      counts: model.counts,
      index: new Map(words.map((w, i) => [w, i])),
      vectors: model.input,
      dim: model.dim,
    }
    await this.serving.swap(join(record.dir, ONNX_FILE))
    this.vocabs.set(record.id, vocab)
    const previous = this.currentId
    this.currentId = record.id
    for (const id of this.vocabs.keys()) if (id !== record.id && id !== previous) this.vocabs.delete(id)
  }

  /** The vocabulary of the model in use, row order. */
  keys(): string[] {
    return this.current()?.words ?? []
  }

  has(key: string): boolean {
    return this.current()?.index.has(key) ?? false
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
   * Top songs for a weighted context of song keys, through the ONNX graph. Keys the model does not
   * know are skipped; if a swap happens mid-query the query is re-run on the new model.
   */
  async recommend(
    keys: string[],
    k: number,
    options: { weights?: number[]; exclude?: string[] } = {},
  ): Promise<{ modelId: string; results: { key: string; score: number }[] }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const vocab = this.current()
      if (!vocab) throw new Error('No model is loaded')
      const context: number[] = []
      const weights: number[] = []
      keys.forEach((key, n) => {
        const row = vocab.index.get(key)
        if (row === undefined) return
        context.push(row)
        weights.push(options.weights?.[n] ?? 1)
      })
      if (context.length === 0) {
        throw new Error('The model does not know any of these songs yet — retrain after importing playlists that contain them')
      }
      const exclude = (options.exclude ?? []).map((key) => vocab.index.get(key)).filter((i): i is number => i !== undefined)
      const query: ScoreQuery = { context, weights, exclude, k }
      const answer: ServedResult = await this.serving.query(query)
      if (answer.modelId !== vocab.info.id) continue
      return {
        modelId: answer.modelId,
        results: answer.indices.map((i, n) => ({ key: vocab.words[i], score: answer.scores[n] })),
      }
    }
    throw new Error('The model changed three times during one query; try again')
  }

  async close(): Promise<void> {
    await this.serving.release()
  }

  private current(): Vocabulary | undefined {
    return this.currentId ? this.vocabs.get(this.currentId) : undefined
  }
}
