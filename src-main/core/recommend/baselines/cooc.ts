// Baseline `cooc`: item kNN on windowed co-occurrence counts, exactly the anchor's (sum of the context's rows).
import { buildCooc, type CoocMatrix } from '../cooc-matrix'
import { CoocScores } from '../cooc-scores'
import { firstAllowed, popularityOrder, songCounts } from '../popularity'
import { topK, type Ranked } from '../top-k'
import type { FitContext, RecommendOptions, Recommender } from '../types'

/**
 * Counts every pair of songs within `window` positions in a training playlist (all distances
 * alike); a context scores each song by the summed counts with its songs. Equal scores go to the
 * more played song. A context with no evidence gets the most popular songs.
 */
export class CoocRecommender implements Recommender {
  readonly name = 'cooc'
  private acc?: CoocScores
  private counts: Float64Array = new Float64Array(0)
  private order: Int32Array = new Int32Array(0)

  async fit(train: readonly (readonly number[])[], ctx: FitContext): Promise<void> {
    const matrix: CoocMatrix = buildCooc(train, ctx.songs.length, {
      window: ctx.window,
      distancePower: 0,
      signal: ctx.signal,
      onProgress: (f) => ctx.onProgress?.(f, 'Counting co-occurrences'),
    })
    this.acc = new CoocScores(matrix)
    this.counts = songCounts(train, ctx.songs.length)
    this.order = popularityOrder(this.counts)
  }

  async recommend(
    context: readonly number[],
    n: number,
    options: RecommendOptions = {},
  ): Promise<Ranked> {
    const acc = this.acc
    if (!acc) throw new Error('CoocRecommender.recommend called before fit')
    acc.accumulate(context)
    const ranked = topK(acc.scores, n, {
      candidates: acc.touched,
      candidateCount: acc.count,
      exclude: options.exclude,
      tieBreak: this.counts,
    })
    return ranked.ids.length > 0
      ? ranked
      : firstAllowed(this.order, this.counts, n, options.exclude)
  }
}
