// The quality measures of the evaluation: hit rate per playlist, AHR@n, and tie-aware nDCG@k.

/** Hits of one held-out playlist: how many of its songs were recommended from their context. */
export interface PlaylistHits {
  /** Songs found in the top n from their context. */
  hits: number
  /** Songs in the playlist (the number of leave-one-out queries). */
  length: number
}

/** AHR: mean over playlists of hits / length (the seed article's measure); 0 for no playlists. */
export function averageHitRate(playlists: readonly PlaylistHits[]): number {
  if (playlists.length === 0) return 0
  let sum = 0
  for (const p of playlists) {
    if (!(p.length > 0))
      throw new Error(`A playlist of length ${p.length} has no hit rate: lengths must be positive`)
    sum += p.hits / p.length
  }
  return sum / playlists.length
}

/** Discount of 1-based rank `r`: 1 / log2(r + 1). */
export function discount(rank: number): number {
  return 1 / Math.log2(rank + 1)
}

/**
 * nDCG@k with binary relevance of the list `ranked` (best first). With `scores` (same length,
 * descending), songs of equal score are a tie: each gets the mean discount of the ranks the tie
 * occupies (McSherry & Najork, ECIR 2008), so a tie's order cannot change the result. The ideal
 * DCG puts min(|relevant|, k) relevant songs first. 0 when nothing is relevant.
 */
export function ndcgAt(
  ranked: readonly number[],
  relevant: ReadonlySet<number>,
  k: number,
  scores?: readonly number[],
): number {
  const ideal = Math.min(relevant.size, k)
  if (ideal === 0) return 0
  const n = Math.min(ranked.length, k)
  if (scores && scores.length < n)
    throw new Error(`ndcgAt: ${scores.length} scores for ${n} ranked songs`)
  let dcg = 0
  let start = 0
  while (start < n) {
    let end = start + 1
    if (scores) while (end < n && scores[end] === scores[start]) end++
    let gains = 0
    let discounts = 0
    for (let i = start; i < end; i++) {
      if (relevant.has(ranked[i])) gains++
      discounts += discount(i + 1)
    }
    dcg += (gains / (end - start)) * discounts
    start = end
  }
  let idcg = 0
  for (let r = 1; r <= ideal; r++) idcg += discount(r)
  return dcg / idcg
}

/** Number of songs of `ranked[0..k)` in `relevant`. */
export function hitsAt(
  ranked: readonly number[],
  relevant: ReadonlySet<number>,
  k: number,
): number {
  let hits = 0
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i])) hits++
  return hits
}

/** Arithmetic mean; 0 for an empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0
  let s = 0
  for (const v of values) s += v
  return s / values.length
}
