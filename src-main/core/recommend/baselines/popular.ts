// Baseline `popular`: the most played songs of the training playlists, whatever the context.
import { firstAllowed, popularityOrder, songCounts } from '../popularity'
import type { Ranked } from '../top-k'
import type { FitContext, RecommendOptions, Recommender } from '../types'

export class PopularRecommender implements Recommender {
  readonly name = 'popular'
  private counts: Float64Array = new Float64Array(0)
  private order: Int32Array = new Int32Array(0)

  async fit(train: readonly (readonly number[])[], ctx: FitContext): Promise<void> {
    this.counts = songCounts(train, ctx.songs.length)
    this.order = popularityOrder(this.counts)
  }

  async recommend(
    _context: readonly number[],
    n: number,
    options: RecommendOptions = {},
  ): Promise<Ranked> {
    return firstAllowed(this.order, this.counts, n, options.exclude)
  }
}
