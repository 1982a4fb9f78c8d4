// The `autoencoder` recommender: songs ranked by cosine between their bottleneck embedding and the context's mean.
import { unitRowsOf } from '../recommend/vector-math'
import { firstAllowed, popularityOrder, songCounts } from '../recommend/popularity'
import { topK, type Ranked } from '../recommend/top-k'
import {
  sharedModelKey,
  type FitContext,
  type RecommendOptions,
  type Recommender,
} from '../recommend/types'
import { songColumns } from './columns'
import { trainAutoencoder } from './train'
import type { AutoencoderModel, AutoencoderParams } from './types'

/** Options of {@link AutoencoderRecommender}. */
export interface AutoencoderRecommenderOptions {
  /** Training parameters (the fit context's seed is used unless `seed` is given here). */
  params?: Partial<AutoencoderParams>
  /**
   * Add the songs' tags as input columns (default false: on yes_big they roughly halve AHR@25,
   * the genre tags outweighing playlist co-membership in the embedding; they do place unplayed songs).
   */
  tags?: boolean
  /** Also rank songs never played in training but tagged (embedded from their tags; needs `tags`); default false. */
  rankUnplayed?: boolean
}

/**
 * Trains the autoencoder on songs × training playlists (+ tags if asked), then scores every song by the
 * cosine between its embedding and the mean unit embedding of the context's played songs.
 * Contexts with no played song get the most popular songs.
 */
export class AutoencoderRecommender implements Recommender {
  readonly name = 'autoencoder'
  private model?: AutoencoderModel
  private unit: Float32Array = new Float32Array(0)
  private candidates: Int32Array = new Int32Array(0)
  private played: Uint8Array = new Uint8Array(0)
  private scores: Float64Array = new Float64Array(0)
  private counts: Float64Array = new Float64Array(0)
  private order: Int32Array = new Int32Array(0)

  constructor(private readonly options: AutoencoderRecommenderOptions = {}) {}

  /** The trained model (after `fit`). */
  get trained(): AutoencoderModel | undefined {
    return this.model
  }

  async fit(train: readonly (readonly number[])[], ctx: FitContext): Promise<void> {
    const params: Partial<AutoencoderParams> = { seed: ctx.seed, ...this.options.params }
    const tags = this.options.tags ?? false
    const key = sharedModelKey(`autoencoder:${tags}`, params)
    const size = ctx.songs.length
    const model = await ctx.shared.get(key, () => {
      const columns = songColumns(train, size, tags ? ctx.songs.map((s) => s.tags) : undefined)
      return trainAutoencoder(columns, params, {
        signal: ctx.signal,
        onProgress: (p) =>
          ctx.onProgress?.(
            p.epoch / Math.max(1, p.epochs),
            `Autoencoder epoch ${p.epoch}/${p.epochs}`,
          ),
      })
    })
    this.model = model
    this.counts = songCounts(train, size)
    this.order = popularityOrder(this.counts)
    this.played = Uint8Array.from(this.counts, (c) => (c > 0 ? 1 : 0))
    const ranked: number[] = []
    for (let s = 0; s < size; s++) {
      if (this.played[s] === 1 || (this.options.rankUnplayed && model.hasInput[s] === 1))
        ranked.push(s)
    }
    this.candidates = Int32Array.from(ranked)
    this.unit = unitRowsOf(model.input, size, model.dim)
    this.scores = new Float64Array(size)
  }

  async recommend(
    context: readonly number[],
    n: number,
    options: RecommendOptions = {},
  ): Promise<Ranked> {
    const model = this.model
    if (!model) throw new Error('AutoencoderRecommender.recommend called before fit')
    const known = context.filter((s) => s >= 0 && s < this.played.length && this.played[s] === 1)
    if (known.length === 0) return firstAllowed(this.order, this.counts, n, options.exclude)
    const dim = model.dim
    const { unit, scores, candidates } = this
    const q = new Float64Array(dim)
    for (const s of known) for (let d = 0; d < dim; d++) q[d] += unit[s * dim + d]
    let norm = 0
    for (let d = 0; d < dim; d++) norm += q[d] * q[d]
    norm = Math.sqrt(norm) || 1
    for (let c = 0; c < candidates.length; c++) {
      const o = candidates[c] * dim
      let dot = 0
      for (let d = 0; d < dim; d++) dot += unit[o + d] * q[d]
      scores[candidates[c]] = dot / norm
    }
    return topK(scores, n, { candidates, exclude: options.exclude, tieBreak: this.counts })
  }
}
