// How many tastes a user has: spherical k-means for k = 2..max, kept k by the best mean silhouette (1 when no split is clear).
import { sphericalKMeans, type KMeansResult } from '../cluster/kmeans'
import { normalizeRows } from '../cluster/vectors'

/** Parameters of {@link chooseTasteK}. */
export interface ChooseKOptions {
  /** Largest k tried. */
  maxK: number
  /** Seed of the k-means draws. */
  seed: number
  /** A split is kept only if its mean silhouette reaches this; else k = 1. Default {@link MIN_TASTE_SILHOUETTE}. */
  minSilhouette?: number
  /** Songs the silhouette is measured on (evenly spaced sample, for speed). Default 800. */
  sample?: number
}

/** The chosen clustering and the score of every k tried. */
export interface KChoice {
  fit: KMeansResult
  /** Mean silhouette of each k ≥ 2 tried. */
  scores: { k: number; silhouette: number }[]
}

/**
 * Default silhouette a split must reach to count as several tastes. Measured on the app's model of
 * yes_big (256-d CBOW): 80 random catalogue songs score 0.17 at best, one-genre users 0.16–0.20
 * (hip-hop, heavy metal, classic rock), metal + jazz 0.35, country + hip-hop 0.24.
 */
export const MIN_TASTE_SILHOUETTE = 0.2

/**
 * Fits k = 2..maxK and keeps the k with the highest mean silhouette (cosine distance; the first
 * on ties). When even that falls below `minSilhouette` the songs are one taste (k = 1): one blob
 * cut in two scores near 0, two real tastes far above.
 */
export function chooseTasteK(
  vectors: Float32Array,
  n: number,
  dim: number,
  opts: ChooseKOptions,
): KChoice {
  if (n < 1)
    throw new Error('No song vectors to find tastes in: the model knows none of your songs yet')
  const minSilhouette = opts.minSilhouette ?? MIN_TASTE_SILHOUETTE
  const maxK = Math.min(opts.maxK, n)
  const unit = normalizeRows(vectors, n, dim).data
  const rows = evenSample(n, opts.sample ?? 800)
  const scores: { k: number; silhouette: number }[] = []
  let best: KMeansResult | undefined
  let bestScore = -Infinity
  for (let k = 2; k <= maxK; k++) {
    const fit = sphericalKMeans(vectors, n, dim, { k, seed: opts.seed + k, restarts: 3 })
    const silhouette = meanSilhouette(unit, dim, fit.assignments, k, rows)
    scores.push({ k, silhouette })
    if (silhouette > bestScore) {
      best = fit
      bestScore = silhouette
    }
  }
  if (best && bestScore >= minSilhouette) return { fit: best, scores }
  return {
    fit: sphericalKMeans(vectors, n, dim, { k: 1, seed: opts.seed + 1, restarts: 1 }),
    scores,
  }
}

/**
 * Mean silhouette over `rows` (Rousseeuw 1987) with cosine distance 1 − cos on unit rows: for a
 * row, a = mean distance to the other sampled rows of its cluster, b = the smallest mean distance
 * to another cluster's sampled rows, s = (b − a) / max(a, b); rows alone in their cluster score 0.
 */
export function meanSilhouette(
  unit: Float32Array,
  dim: number,
  assignments: Int32Array,
  k: number,
  rows: readonly number[],
): number {
  const members = rows.filter((r) => assignments[r] >= 0)
  if (members.length === 0 || k < 2) return 0
  const sum = new Float64Array(k)
  const count = new Int32Array(k)
  for (const r of members) count[assignments[r]]++
  let total = 0
  for (const i of members) {
    sum.fill(0)
    for (const j of members) {
      if (i === j) continue
      let c = 0
      const oi = i * dim
      const oj = j * dim
      for (let d = 0; d < dim; d++) c += unit[oi + d] * unit[oj + d]
      sum[assignments[j]] += 1 - c
    }
    const own = assignments[i]
    if (count[own] <= 1) continue
    const a = sum[own] / (count[own] - 1)
    let b = Infinity
    for (let c = 0; c < k; c++) if (c !== own && count[c] > 0) b = Math.min(b, sum[c] / count[c])
    if (b === Infinity) continue
    const m = Math.max(a, b)
    total += m > 0 ? (b - a) / m : 0
  }
  return total / members.length
}

/** Up to `max` row indices spread evenly over 0..n-1 (all of them when n ≤ max). */
export function evenSample(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i)
  return Array.from({ length: max }, (_, i) => Math.floor((i * n) / max))
}
