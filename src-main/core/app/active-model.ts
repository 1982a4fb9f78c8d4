// The model in use: its vocabulary and an ONNX session answering similarity queries; falls back to the last good model.
import { join } from 'node:path'
import type { ModelInfo } from '../../../src-shared/contract'
import { ModelRegistry, ONNX_FILE, type ModelRecord } from '../models/registry'
import { OnnxScorer } from '../onnx/scorer'
import { loadVocab } from '../song2vec/model-files'

export class ActiveModel {
  private constructor(
    readonly info: ModelInfo,
    private readonly index: Map<string, number>,
    private readonly vocab: string[],
    private readonly counts: Uint32Array,
    private readonly scorer: OnnxScorer,
  ) {}

  static async open(record: ModelRecord): Promise<ActiveModel> {
    const { words, counts } = await loadVocab(record.dir)
    const scorer = await OnnxScorer.load(join(record.dir, ONNX_FILE))
    const index = new Map(words.map((w, i) => [w, i]))
    return new ActiveModel(record.info, index, words, counts, scorer)
  }

  /**
   * The current model; if it is missing or corrupt, the newest complete model that loads. Null before
   * the first training. `onFallback` hears why a model was skipped.
   */
  static async loadCurrent(
    registry: ModelRegistry,
    onFallback: (message: string) => void = (m) => console.warn(m),
  ): Promise<ActiveModel | null> {
    const currentId = await registry.currentId()
    const candidates = await registry.list()
    candidates.sort((a, b) => Number(b.id === currentId) - Number(a.id === currentId))
    for (const record of candidates) {
      try {
        const model = await ActiveModel.open(record)
        if (record.id !== currentId) {
          onFallback(`Model ${currentId ?? '(none)'} could not be used; serving the last good model ${record.id}`)
          await registry.setCurrent(record.id)
        }
        return model
      } catch (e) {
        onFallback(`Model ${record.id} is unreadable and was skipped: ${(e as Error).message}`)
      }
    }
    return null
  }

  has(key: string): boolean {
    return this.index.has(key)
  }

  /** Occurrences of the song in the training corpus (0 if unknown): a popularity rank for search. */
  count(key: string): number {
    const i = this.index.get(key)
    return i === undefined ? 0 : this.counts[i]
  }

  async similar(key: string, topn: number): Promise<{ modelId: string; results: { key: string; score: number }[] }> {
    const row = this.index.get(key)
    if (row === undefined) throw new Error(`The model does not know "${key}" yet — retrain after importing playlists that contain it`)
    const answer = await this.scorer.query({ context: [row], k: topn })
    return {
      modelId: this.info.id,
      results: answer.indices.map((i, n) => ({ key: this.vocab[i], score: answer.scores[n] })),
    }
  }

  async release(): Promise<void> {
    await this.scorer.release()
  }
}
