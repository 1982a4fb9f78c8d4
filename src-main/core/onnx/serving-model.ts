// Serves queries from the current ONNX model and swaps in a new one without mixing or dropping queries.
import type { OnnxModelMetadata } from './metadata'
import type { ScoreQuery, ScoreResult } from './query'
import { OnnxScorer, type ScorerOptions } from './scorer'

/** An answer, with the model that produced all of it. */
export interface ServedResult extends ScoreResult {
  /** Id of the model that answered (indices refer to its vocabulary). */
  modelId: string
  /** That model's vocabulary hash. */
  vocabHash: string
}

interface Slot {
  scorer: OnnxScorer
  /** Queries started on this scorer and not yet finished. */
  inFlight: number
  /** Replaced: release as soon as `inFlight` reaches 0. */
  retired: boolean
}

/**
 * Holds the current scorer. `swap` loads the new model completely before switching; each query
 * runs entirely on the scorer current when it started, and a replaced scorer is released only after
 * its last query finished.
 */
export class ServingModel {
  private slot: Slot | undefined
  private swaps: Promise<unknown> = Promise.resolve()
  private closed = false

  constructor(private readonly options: ScorerOptions = {}) {}

  /** A ServingModel already serving the model at `path`. */
  static async load(path: string, options: ScorerOptions = {}): Promise<ServingModel> {
    const serving = new ServingModel(options)
    await serving.swap(path)
    return serving
  }

  /** Metadata of the model now serving, or undefined before the first swap. */
  get metadata(): OnnxModelMetadata | undefined {
    return this.slot?.scorer.metadata
  }

  /** Answers `q` with the current model. */
  async query(q: ScoreQuery): Promise<ServedResult> {
    const slot = this.slot
    if (!slot) {
      throw new Error(
        this.closed ? 'ServingModel was released' : 'No model loaded: swap(path) first',
      )
    }
    slot.inFlight++
    try {
      const r = await slot.scorer.query(q)
      const { modelId, vocabHash } = slot.scorer.metadata
      return { ...r, modelId, vocabHash }
    } finally {
      slot.inFlight--
      if (slot.retired && slot.inFlight === 0) releaseQuietly(slot.scorer)
    }
  }

  /**
   * Loads the model at `path` and makes it current; swaps run one after another in call order.
   * A missing or corrupt file rejects with a clear Error and the previous model keeps serving.
   */
  swap(path: string): Promise<OnnxModelMetadata> {
    const next = this.swaps.then(async () => {
      if (this.closed) throw new Error('ServingModel was released: create a new one')
      const scorer = await OnnxScorer.load(path, this.options)
      if (this.closed) {
        await scorer.release()
        throw new Error('ServingModel was released while loading')
      }
      const old = this.slot
      this.slot = { scorer, inFlight: 0, retired: false }
      if (old) this.retire(old)
      return scorer.metadata
    })
    this.swaps = next.catch(() => undefined)
    return next
  }

  /** Stops serving; the current scorer is released once its in-flight queries finish. */
  async release(): Promise<void> {
    this.closed = true
    await this.swaps
    const old = this.slot
    this.slot = undefined
    if (old) this.retire(old)
  }

  private retire(slot: Slot): void {
    slot.retired = true
    if (slot.inFlight === 0) releaseQuietly(slot.scorer)
  }
}

/** Releasing a session no query uses cannot fail in a way a caller could act on. */
function releaseQuietly(scorer: OnnxScorer): void {
  scorer.release().catch(() => undefined)
}
