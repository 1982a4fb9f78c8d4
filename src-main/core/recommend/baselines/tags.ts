// Baseline `tags`: songs sharing the context's Last.fm tags, scored by IDF-weighted overlap, ties by popularity.
import { padWithPopular, popularityOrder, songCounts } from '../popularity'
import { buildTagIndex, tagsOf, type TagIndex } from '../tag-index'
import { topK, type Ranked } from '../top-k'
import type { FitContext, RecommendOptions, Recommender } from '../types'

/**
 * The context's tag profile `w(t)` is the fraction of context songs carrying tag `t`; a catalogue
 * song scores `Σ_{t ∈ tags(song)} w(t) · idf(t)`. Every catalogue song can be recommended (also
 * songs never played in training); equal scores go to the more played song. A context without
 * tags gets the most popular songs, and a short list is filled up with them (scored 0).
 */
export class TagRecommender implements Recommender {
  readonly name = 'tags'
  private index?: TagIndex
  private counts: Float64Array = new Float64Array(0)
  private order: Int32Array = new Int32Array(0)
  private scores: Float64Array = new Float64Array(0)
  private touched: Int32Array = new Int32Array(0)

  async fit(train: readonly (readonly number[])[], ctx: FitContext): Promise<void> {
    this.index = buildTagIndex(ctx.songs)
    this.counts = songCounts(train, ctx.songs.length)
    this.order = popularityOrder(this.counts)
    this.scores = new Float64Array(ctx.songs.length)
    this.touched = new Int32Array(ctx.songs.length)
  }

  async recommend(
    context: readonly number[],
    n: number,
    options: RecommendOptions = {},
  ): Promise<Ranked> {
    const index = this.index
    if (!index) throw new Error('TagRecommender.recommend called before fit')
    const profile = new Map<number, number>()
    for (const s of context)
      for (const t of tagsOf(index, s)) profile.set(t, (profile.get(t) ?? 0) + 1 / context.length)
    const { scores, touched } = this
    let count = 0
    for (const [t, w] of profile) {
      const weight = w * index.idf[t]
      if (weight === 0) continue
      for (let e = index.tagSongStart[t]; e < index.tagSongStart[t + 1]; e++) {
        const s = index.tagSongs[e]
        if (scores[s] === 0) touched[count++] = s
        scores[s] += weight
      }
    }
    const ranked = topK(scores, n, {
      candidates: touched,
      candidateCount: count,
      exclude: options.exclude,
      tieBreak: this.counts,
    })
    for (let i = 0; i < count; i++) scores[touched[i]] = 0
    return padWithPopular(ranked, this.order, n, options.exclude)
  }
}
