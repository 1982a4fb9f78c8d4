// Radio from one seed song: each playlist's first song alone, the rest of the playlist ranked (nDCG@n).
import type { Recommender } from '../recommend/types'
import { mean, ndcgAt } from './metrics'

/** Radio quality of `rec` over `playlists` (catalogue ids). */
export interface RadioEvaluation {
  /** Mean nDCG@n of the rest of each playlist from its first song. */
  ndcg: number
  /** Fraction of seeds with at least one song of the rest in the top n. */
  hitRate: number
  /** Playlists with a rest to find (at least one song other than the seed). */
  queries: number
}

/** Asks `rec` for `n` songs from each playlist's first song (the seed itself excluded). */
export async function evaluateRadio(
  rec: Recommender,
  playlists: readonly (readonly number[])[],
  n = 25,
): Promise<RadioEvaluation> {
  const ndcgs: number[] = []
  let hits = 0
  for (const p of playlists) {
    const seed = p[0]
    const relevant = new Set(p.slice(1).filter((s) => s !== seed))
    if (relevant.size === 0) continue
    const r = await rec.recommend([seed], n, { exclude: new Set([seed]), slot: 1 })
    const top = r.ids.slice(0, n)
    ndcgs.push(ndcgAt(top, relevant, n, r.scores.slice(0, n)))
    if (top.some((id) => relevant.has(id))) hits++
  }
  return {
    ndcg: ndcgs.length ? mean(ndcgs) : 0,
    hitRate: ndcgs.length ? hits / ndcgs.length : 0,
    queries: ndcgs.length,
  }
}
