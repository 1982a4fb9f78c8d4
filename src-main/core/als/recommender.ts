// The `als` recommender: WMF song factors, a query playlist folded in as a new row (or cosine to its mean factor).
import { unitRowsOf } from '../recommend/vector-math'
import { firstAllowed, popularityOrder, songCounts } from '../recommend/popularity'
import { topK, type Ranked } from '../recommend/top-k'
import {
  sharedModelKey,
  type FitContext,
  type RecommendOptions,
  type Recommender,
} from '../recommend/types'
import { AlsFoldIn } from './fold-in'
import { trainAls } from './train'
import type { AlsModel, AlsParams } from './types'

/** How a context is scored against the song factors. */
export type AlsScoring = 'fold-in' | 'cosine'

/** Options of {@link AlsRecommender}. */
export interface AlsRecommenderOptions {
  /** Training parameters (the fit context's seed is used unless `seed` is given here). */
  params?: Partial<AlsParams>
  /**
   * 'fold-in' (default): solve the context as a new playlist row and rank songs by xᵀy;
   * 'cosine': cosine between each song's factors and the mean factors of the context.
   */
  scoring?: AlsScoring
}

/**
 * Trains WMF/ALS on the training playlists (catalogue ids are the song indices), then answers a
 * context by its predicted preferences. Contexts with no trained song get the most popular songs.
 */
export class AlsRecommender implements Recommender {
  readonly name = 'als'
  private model?: AlsModel
  private foldIn?: AlsFoldIn
  private unit: Float32Array = new Float32Array(0)
  private played: Uint8Array = new Uint8Array(0)
  private scores: Float64Array = new Float64Array(0)
  private counts: Float64Array = new Float64Array(0)
  private order: Int32Array = new Int32Array(0)
  private readonly scoring: AlsScoring

  constructor(private readonly options: AlsRecommenderOptions = {}) {
    this.scoring = options.scoring ?? 'fold-in'
    if (this.scoring !== 'fold-in' && this.scoring !== 'cosine') {
      throw new Error(`Unknown ALS scoring '${String(this.scoring)}': use 'fold-in' or 'cosine'`)
    }
  }

  /** The trained model (after `fit`). */
  get trained(): AlsModel | undefined {
    return this.model
  }

  async fit(train: readonly (readonly number[])[], ctx: FitContext): Promise<void> {
    const params: Partial<AlsParams> = { seed: ctx.seed, ...this.options.params }
    const key = sharedModelKey('als', params)
    const model = await ctx.shared.get(key, () =>
      trainAls({ rows: train, nItems: ctx.songs.length }, params, {
        signal: ctx.signal,
        onProgress: (p) =>
          ctx.onProgress?.(
            p.iteration / Math.max(1, p.iterations),
            `ALS sweep ${p.iteration}/${p.iterations}`,
          ),
      }),
    )
    this.model = model
    this.counts = songCounts(train, ctx.songs.length)
    this.order = popularityOrder(this.counts)
    this.played = Uint8Array.from(this.counts, (c) => (c > 0 ? 1 : 0))
    this.scores = new Float64Array(ctx.songs.length)
    if (this.scoring === 'fold-in') this.foldIn = new AlsFoldIn(model)
    else this.unit = unitRowsOf(model.input, model.vocab.length, model.dim)
  }

  async recommend(
    context: readonly number[],
    n: number,
    options: RecommendOptions = {},
  ): Promise<Ranked> {
    const model = this.model
    if (!model) throw new Error('AlsRecommender.recommend called before fit')
    const known = context.filter((s) => s >= 0 && s < this.played.length && this.played[s] === 1)
    if (known.length === 0) return firstAllowed(this.order, this.counts, n, options.exclude)
    if (this.foldIn) this.foldIn.scores(known, this.scores)
    else cosineScores(this.unit, model.dim, known, this.scores)
    return topK(this.scores, n, { exclude: options.exclude, tieBreak: this.counts })
  }
}

/** Cosine between every unit row and the mean of the context's unit rows, into `out`. */
function cosineScores(
  unit: Float32Array,
  dim: number,
  context: readonly number[],
  out: Float64Array,
): void {
  const q = new Float64Array(dim)
  for (const s of context) for (let d = 0; d < dim; d++) q[d] += unit[s * dim + d]
  let norm = 0
  for (let d = 0; d < dim; d++) norm += q[d] * q[d]
  norm = Math.sqrt(norm) || 1
  for (let i = 0, o = 0; i < out.length; i++, o += dim) {
    let dot = 0
    for (let d = 0; d < dim; d++) dot += unit[o + d] * q[d]
    out[i] = dot / norm
  }
}
