// Baseline `random`: distinct songs drawn uniformly from the whole catalogue (the seed article's floor).
import { createRng, type Rng } from '../../util/random'
import type { Ranked } from '../top-k'
import type { FitContext, RecommendOptions, Recommender } from '../types'

export class RandomRecommender implements Recommender {
  readonly name = 'random'
  private size = 0
  private rng: Rng = createRng(0)

  async fit(_train: readonly (readonly number[])[], ctx: FitContext): Promise<void> {
    this.size = ctx.songs.length
    this.rng = createRng(ctx.seed)
  }

  /** Scores are all 0: the order of a random draw carries no information (nDCG treats it as a tie). */
  async recommend(
    _context: readonly number[],
    n: number,
    options: RecommendOptions = {},
  ): Promise<Ranked> {
    const excluded = options.exclude
    let allowed = this.size
    if (excluded) for (const id of excluded) if (id >= 0 && id < this.size) allowed--
    const want = Math.min(n, allowed)
    const picked = new Set<number>()
    const ids: number[] = []
    while (ids.length < want) {
      const id = this.rng.nextInt(this.size)
      if (picked.has(id) || excluded?.has(id)) continue
      picked.add(id)
      ids.push(id)
    }
    return { ids, scores: ids.map(() => 0) }
  }
}
