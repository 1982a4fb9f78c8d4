// Baselines `rp3beta` (windowed) and `rp3beta-playlist` (whole playlists): the RP3beta random-walk item model, scores summed over the context.
import { CoocScores } from '../cooc-scores'
import { firstAllowed, popularityOrder, songCounts } from '../popularity'
import { buildRp3beta, type Rp3betaParams } from '../rp3beta-matrix'
import { topK, type Ranked } from '../top-k'
import type { FitContext, RecommendOptions, Recommender } from '../types'

/**
 * Windowed RP3beta, chosen on the validation split (bench/tune-item-models.ts --model rp3beta;
 * α ∈ {0.5, 0.75, 1} × β ∈ {0.1..0.4}): the song–window walk with α 1, β 0.2 (AHR@25 0.2235;
 * the one-step pair-count walk peaks at 0.2214).
 */
export const RP3BETA_WINDOWED: Omit<Rp3betaParams, 'window'> = {
  alpha: 1,
  beta: 0.2,
  windowGraph: 'windows',
}
/** Whole-playlist RP3beta, chosen the same way: α 0.75, β 0.2 (validation AHR@25 0.2298). */
export const RP3BETA_PLAYLIST: Omit<Rp3betaParams, 'window'> = { alpha: 0.75, beta: 0.2 }

/**
 * Scores each song by `Σ_c W[c][song]` over the context songs c, W from {@link buildRp3beta};
 * equal scores go to the more played song; no evidence falls back to the most popular songs.
 */
export class Rp3betaRecommender implements Recommender {
  readonly name: string
  private acc?: CoocScores
  private counts: Float64Array = new Float64Array(0)
  private order: Int32Array = new Int32Array(0)
  private fitted?: Rp3betaParams

  /** `windowed`: pairs within the fit context's window; otherwise whole playlists. */
  constructor(
    private readonly windowed = true,
    private readonly params: Omit<Rp3betaParams, 'window'> = windowed
      ? RP3BETA_WINDOWED
      : RP3BETA_PLAYLIST,
    name = windowed ? 'rp3beta' : 'rp3beta-playlist',
  ) {
    this.name = name
  }

  async fit(train: readonly (readonly number[])[], ctx: FitContext): Promise<void> {
    ctx.onProgress?.(0, 'Walking song → playlist → song')
    this.fitted = { ...this.params, window: this.windowed ? ctx.window : undefined }
    this.acc = new CoocScores(buildRp3beta(train, ctx.songs.length, this.fitted, ctx.signal))
    this.counts = songCounts(train, ctx.songs.length)
    this.order = popularityOrder(this.counts)
    ctx.onProgress?.(1, 'RP3beta ready')
  }

  details(): Record<string, unknown> {
    return { ...(this.fitted ?? this.params), entries: this.acc?.matrix.cols.length }
  }

  async recommend(
    context: readonly number[],
    n: number,
    options: RecommendOptions = {},
  ): Promise<Ranked> {
    const acc = this.acc
    if (!acc) throw new Error('Rp3betaRecommender.recommend called before fit')
    acc.accumulate(context)
    const ranked = topK(acc.scores, n, {
      candidates: acc.touched,
      candidateCount: acc.count,
      exclude: options.exclude,
      tieBreak: this.counts,
    })
    acc.clear()
    return ranked.ids.length > 0
      ? ranked
      : firstAllowed(this.order, this.counts, n, options.exclude)
  }
}
