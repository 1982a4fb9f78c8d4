// Baseline `song2vec`: the seed article's method — cosine to the mean input vector of the context.
import type { Song2VecParams } from '../../song2vec/types'
import { SEED_RECIPE } from '../defaults'
import { firstAllowed, popularityOrder, songCounts } from '../popularity'
import { fitSong2Vec, type FittedSong2Vec } from '../song2vec-fit'
import { topK, type Ranked } from '../top-k'
import type { FitContext, RecommendOptions, Recommender } from '../types'
import { meanOfRows, unitRowsOf } from '../vector-math'

/**
 * Trains CBOW with the seed's recipe, then scores every song by the cosine between its input vector
 * and the mean input vector of the context songs. Contexts with no known song get the most popular.
 */
export class Song2VecRecommender implements Recommender {
  readonly name = 'song2vec'
  private fitted?: FittedSong2Vec
  private unit: Float32Array = new Float32Array(0)
  private scores: Float64Array = new Float64Array(0)
  private counts: Float64Array = new Float64Array(0)
  private order: Int32Array = new Int32Array(0)

  constructor(private readonly params: Partial<Song2VecParams> = SEED_RECIPE) {}

  async fit(train: readonly (readonly number[])[], ctx: FitContext): Promise<void> {
    this.fitted = await fitSong2Vec(train, this.params, ctx)
    const { model } = this.fitted
    this.unit = unitRowsOf(model.input, model.vocab.length, model.dim)
    this.scores = new Float64Array(model.vocab.length)
    this.counts = songCounts(train, ctx.songs.length)
    this.order = popularityOrder(this.counts)
  }

  details(): Record<string, unknown> {
    return { song2vec: this.fitted?.model.params, train_seconds: this.fitted?.trainSeconds }
  }

  async recommend(
    context: readonly number[],
    n: number,
    options: RecommendOptions = {},
  ): Promise<Ranked> {
    const fitted = this.fitted
    if (!fitted) throw new Error('Song2VecRecommender.recommend called before fit')
    const { model, rowOf, songOf } = fitted
    const rows = context
      .map((s) => (s >= 0 && s < rowOf.length ? rowOf[s] : -1))
      .filter((r) => r >= 0)
    const query = meanOfRows(model.input, model.dim, rows)
    if (!query) return firstAllowed(this.order, this.counts, n, options.exclude)
    let norm = 0
    for (let d = 0; d < model.dim; d++) norm += query[d] * query[d]
    norm = Math.sqrt(norm) || 1
    const { unit, scores } = this
    const dim = model.dim
    for (let r = 0, o = 0; r < scores.length; r++, o += dim) {
      let dot = 0
      for (let d = 0; d < dim; d++) dot += unit[o + d] * query[d]
      scores[r] = dot / norm
    }
    const excludeRows = options.exclude ? mapSet(options.exclude, rowOf) : undefined
    const ranked = topK(scores, n, { exclude: excludeRows })
    return { ids: ranked.ids.map((r) => songOf[r]), scores: ranked.scores }
  }
}

/** The model rows of a set of catalogue ids (unknown ids dropped). */
export function mapSet(ids: ReadonlySet<number>, rowOf: Int32Array): Set<number> {
  const out = new Set<number>()
  for (const id of ids) if (id >= 0 && id < rowOf.length && rowOf[id] >= 0) out.add(rowOf[id])
  return out
}
