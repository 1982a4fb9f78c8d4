// Ranking quality of one query as in the NIPS 2013 paper: average precision and AUC of a scored candidate pool.

/**
 * Average precision of ranking `scores` (higher first, ties broken by index) against the relevant
 * candidates, cut at `k` (mAP@k averages this over queries); 0 when nothing is relevant.
 */
export function averagePrecision(
  scores: ArrayLike<number>,
  relevant: ReadonlySet<number>,
  k = scores.length,
): number {
  if (relevant.size === 0) return 0
  const order = Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => scores[b] - scores[a] || a - b,
  )
  let hits = 0
  let sum = 0
  for (let r = 0; r < Math.min(k, order.length); r++) {
    if (relevant.has(order[r])) {
      hits++
      sum += hits / (r + 1)
    }
  }
  return sum / Math.min(relevant.size, k)
}

/**
 * Area under the ROC curve: the probability that a relevant candidate scores above an irrelevant one
 * (ties count one half). NaN when either class is empty.
 */
export function auc(scores: ArrayLike<number>, relevant: ReadonlySet<number>): number {
  const n = scores.length
  const pos = relevant.size
  const neg = n - pos
  if (pos === 0 || neg <= 0) return NaN
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b])
  // Mann–Whitney U with mid-ranks for ties.
  let rankSum = 0
  for (let i = 0; i < n;) {
    let j = i
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++
    const mid = (i + j) / 2 + 1
    for (let t = i; t <= j; t++) if (relevant.has(order[t])) rankSum += mid
    i = j + 1
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg)
}

/** Indices of the `k` highest scores (ties to the lower index), best first. */
export function topIndices(scores: ArrayLike<number>, k: number): number[] {
  return Array.from({ length: scores.length }, (_, i) => i)
    .sort((a, b) => scores[b] - scores[a] || a - b)
    .slice(0, k)
}
