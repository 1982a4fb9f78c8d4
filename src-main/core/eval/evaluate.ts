// Scores one fitted recommender on held-out playlists: AHR@n (leave-one-out) and continuation nDCG / hit rate.
import type { Recommender } from '../recommend/types'
import { averageHitRate, mean, ndcgAt, type PlaylistHits } from './metrics'
import { continuationQuery, leaveOneOutQueries } from './queries'

/** Options of {@link evaluateRecommender}. */
export interface EvaluateOptions {
  /** Songs recommended per query. */
  topn: number
  /** Context radius of the leave-one-out queries. */
  window: number
  /** Pass the target's position among the context to the recommender (default true). */
  slots?: boolean
  /** Fraction of the queries done (0..1). */
  onProgress?: (fraction: number) => void
  /** Aborting rejects with an AbortError. */
  signal?: AbortSignal
}

/** Figures of one recommender on one held-out set. */
export interface Evaluation {
  /** AHR@topn over the held-out playlists. */
  ahr: number
  /** Hits and length per held-out playlist. */
  perPlaylist: PlaylistHits[]
  /** Mean nDCG@topn of the continuation queries. */
  ndcg: number
  /** Fraction of continuation queries with at least one relevant song in the top n. */
  hitRate: number
  /** Held-out playlists with a continuation query (the rest brings no new song). */
  continuationPlaylists: number
  /** Wall time of the leave-one-out queries. */
  ahrSeconds: number
  /** Wall time of the continuation queries. */
  continuationSeconds: number
}

/**
 * Leave-one-out: every song of every held-out playlist is recommended from its ±window neighbours
 * (nothing excluded, as in gensim_anchor.py); a hit when it is in the top n. Continuation: the
 * first half of each playlist, its songs excluded, ranks the rest's new songs.
 */
export async function evaluateRecommender(
  rec: Recommender,
  heldout: readonly (readonly number[])[],
  opts: EvaluateOptions,
): Promise<Evaluation> {
  const { topn, window, signal } = opts
  const total = heldout.reduce((s, p) => s + p.length, 0) + heldout.length
  let done = 0
  let lastReport = 0
  const tick = (amount: number): void => {
    done += amount
    if (done - lastReport >= 500 || done === total) {
      lastReport = done
      signal?.throwIfAborted()
      opts.onProgress?.(done / total)
    }
  }

  let started = performance.now()
  const perPlaylist: PlaylistHits[] = []
  for (const p of heldout) {
    let hits = 0
    for (const q of leaveOneOutQueries(p, window)) {
      const r = await rec.recommend(q.context, topn, opts.slots === false ? {} : { slot: q.slot })
      if (r.ids.slice(0, topn).includes(q.target)) hits++
      tick(1)
    }
    perPlaylist.push({ hits, length: p.length })
  }
  const ahrSeconds = (performance.now() - started) / 1000

  started = performance.now()
  const ndcgs: number[] = []
  let hitPlaylists = 0
  for (const p of heldout) {
    const q = continuationQuery(p)
    if (q) {
      const r = await rec.recommend(q.context, topn, {
        exclude: new Set(q.context),
        slot: q.context.length,
      })
      const ids = r.ids.slice(0, topn)
      ndcgs.push(ndcgAt(ids, q.relevant, topn, r.scores.slice(0, topn)))
      if (ids.some((id) => q.relevant.has(id))) hitPlaylists++
    }
    tick(1)
  }
  return {
    ahr: averageHitRate(perPlaylist),
    perPlaylist,
    ndcg: mean(ndcgs),
    hitRate: ndcgs.length === 0 ? 0 : hitPlaylists / ndcgs.length,
    continuationPlaylists: ndcgs.length,
    ahrSeconds,
    continuationSeconds: (performance.now() - started) / 1000,
  }
}
