// Baseline `ease`: EASE^R on windowed pair counts (Steck 2019), scores summed over the context's rows of B.
import { easeScores, fitEase, type EaseModel, type EaseParams } from '../ease-fit'
import { firstAllowed, popularityOrder, songCounts } from '../popularity'
import { topK, type Ranked } from '../top-k'
import { sharedModelKey, type FitContext, type RecommendOptions, type Recommender } from '../types'

/**
 * λ of windowed EASE, chosen on the validation split (bench/tune-item-models.ts --model ease, and
 * the same grid in float64 by bench/ease-grid.py, which reproduces its figures to 1e-4): with every
 * pair counted alike, the pairs-degree Gram gives λ 20 / 80 / 300 → AHR@25 0.2243 / 0.2276 /
 * 0.2271, the `pairs` Gram 0.2168 and the window × song Gram 0.1918 / 0.2090 (λ 80 / 1000). Pairs
 * weighted 1/d^0.5 lift it: λ 20 / 40 / 80 / 160 / 320 → 0.2276 / 0.2322 / 0.2360 / 0.2341 / 0.2323.
 */
export const EASE_LAMBDA = 80
/** Which windowed Gram (see {@link EaseParams.gram}), chosen the same way (see {@link EASE_LAMBDA}). */
export const EASE_GRAM: EaseParams['gram'] = 'pairs-degree'
/**
 * Pair weight 1/d^power in the windowed Gram (see {@link EaseParams.distancePower}), chosen the same
 * way at λ 80: power 0 / 0.25 / 0.5 / 0.75 / 1 → 0.2276 / 0.2336 / 0.2360 / 0.2319 / 0.2267 (power 1
 * at λ 40 / 160: 0.2274 / 0.2290). Weighting the context's rows by distance instead hurts (0.2242).
 */
export const EASE_DISTANCE_POWER = 0.5

/** The fitted EASE of these training playlists, shared by every recommender fitted on them. */
export function sharedEase(
  train: readonly (readonly number[])[],
  ctx: FitContext,
  params: EaseParams,
): Promise<EaseModel> {
  return ctx.shared.get(sharedModelKey('ease', params), () =>
    fitEase(train, ctx.songs.length, params, {
      onProgress: ctx.onProgress,
      signal: ctx.signal,
    }),
  )
}

/**
 * Scores song j by `Σ_c B[c][j]` over the context songs c; songs never seen in training are
 * never returned; equal scores go to the more played song; no known context song gives the most
 * popular songs.
 */
export class EaseRecommender implements Recommender {
  readonly name: string
  private model?: EaseModel
  private scores: Float64Array = new Float64Array(0)
  private counts: Float64Array = new Float64Array(0)
  private order: Int32Array = new Int32Array(0)
  private songCounts: Float64Array = new Float64Array(0)

  /** `windowed`: pair counts within the fit context's window; otherwise whole playlists. */
  constructor(
    private readonly lambda = EASE_LAMBDA,
    private readonly windowed = true,
    name = windowed ? 'ease' : 'ease-playlist',
    private readonly gram: EaseParams['gram'] = EASE_GRAM,
    private readonly distancePower = EASE_DISTANCE_POWER,
  ) {
    this.name = name
  }

  async fit(train: readonly (readonly number[])[], ctx: FitContext): Promise<void> {
    const params: EaseParams = this.windowed
      ? {
          lambda: this.lambda,
          window: ctx.window,
          gram: this.gram,
          distancePower: this.distancePower,
        }
      : { lambda: this.lambda }
    this.model = await sharedEase(train, ctx, params)
    this.scores = new Float64Array(this.model.songs.length)
    this.songCounts = songCounts(train, ctx.songs.length)
    this.counts = Float64Array.from(this.model.songs, (s) => this.songCounts[s])
    this.order = popularityOrder(this.songCounts)
  }

  details(): Record<string, unknown> {
    const m = this.model
    return m
      ? {
          ...m.params,
          songs: m.songs.length,
          fit_seconds: m.fitSeconds,
          inverse_seconds: m.inverseSeconds,
          kernels: m.kernels,
        }
      : { lambda: this.lambda }
  }

  async recommend(
    context: readonly number[],
    n: number,
    options: RecommendOptions = {},
  ): Promise<Ranked> {
    const m = this.model
    if (!m) throw new Error('EaseRecommender.recommend called before fit')
    if (easeScores(m, context, this.scores) === 0)
      return firstAllowed(this.order, this.songCounts, n, options.exclude)
    const exclude = options.exclude
      ? new Set([...options.exclude].map((s) => (s >= 0 && s < m.index.length ? m.index[s] : -1)))
      : undefined
    const r = topK(this.scores, n, { exclude, tieBreak: this.counts })
    return { ids: r.ids.map((i) => m.songs[i]), scores: r.scores }
  }

  async dispose(): Promise<void> {
    this.model = undefined
  }
}
