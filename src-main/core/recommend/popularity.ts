// Counts how often each song occurs in a set of playlists — the popularity every recommender falls back on.

/** Occurrences of each song id `0..size-1` in the playlists. */
export function songCounts(playlists: readonly (readonly number[])[], size: number): Float64Array {
  const counts = new Float64Array(size)
  for (const p of playlists) {
    for (const s of p) {
      if (!(s >= 0 && s < size))
        throw new Error(`Song id ${s} is outside the catalogue (0..${size - 1})`)
      counts[s]++
    }
  }
  return counts
}

/** Song ids by descending count, ties to the lower id; songs never seen are left out. */
export function popularityOrder(counts: ArrayLike<number>): Int32Array {
  const ids: number[] = []
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) ids.push(i)
  ids.sort((a, b) => counts[b] - counts[a] || a - b)
  return Int32Array.from(ids)
}

/** The first `n` of `order` that are not excluded, scored by their counts. */
export function firstAllowed(
  order: ArrayLike<number>,
  counts: ArrayLike<number>,
  n: number,
  exclude?: ReadonlySet<number>,
): { ids: number[]; scores: number[] } {
  const ids: number[] = []
  const scores: number[] = []
  for (let i = 0; i < order.length && ids.length < n; i++) {
    const id = order[i]
    if (exclude?.has(id)) continue
    ids.push(id)
    scores.push(counts[id])
  }
  return { ids, scores }
}

/** Fills `ranked` up to `n` songs with the most popular ones not yet in it nor excluded, scored 0. */
export function padWithPopular(
  ranked: { ids: number[]; scores: number[] },
  order: ArrayLike<number>,
  n: number,
  exclude?: ReadonlySet<number>,
): { ids: number[]; scores: number[] } {
  if (ranked.ids.length >= n) return ranked
  const have = new Set(ranked.ids)
  for (let i = 0; i < order.length && ranked.ids.length < n; i++) {
    const id = order[i]
    if (have.has(id) || exclude?.has(id)) continue
    ranked.ids.push(id)
    ranked.scores.push(0)
  }
  return ranked
}
