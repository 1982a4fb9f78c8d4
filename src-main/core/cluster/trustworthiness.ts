// Trustworthiness: how far a map's near neighbours are from being near in the original space.
import { createRng } from '../util/random'
import { checkShape, dotRows, normalizeRows } from './vectors'

/** Parameters of {@link trustworthiness}. */
export interface TrustOptions {
  /** Distance in the original space: 'cosine' (default, as the map uses) or 'euclidean'. */
  metric?: 'cosine' | 'euclidean'
  /** Evaluate this many seeded random points instead of all (an unbiased estimate). */
  sample?: number
  /** Seed of the sample. Default 0. */
  seed?: number
}

/**
 * Venna & Kaski's trustworthiness T(k) ∈ [0, 1] of the `n × 2` map `low` for the `n × dim` data
 * `high`: 1 − 2 / (n·k·(2n − 3k − 1)) · Σᵢ Σ_{j ∈ Uᵢ} (r(i, j) − k), where Uᵢ are the map's k
 * nearest neighbours of i that are not among its k nearest in the original space and r(i, j) is
 * j's rank by original distance (1 = nearest). Ties rank by row index. Needs k < n / 2.
 * With `sample`, the sum runs over that many points and n·k becomes sample·k.
 */
export function trustworthiness(
  high: Float32Array,
  low: Float32Array,
  n: number,
  dim: number,
  k: number,
  opts: TrustOptions = {},
): number {
  checkShape(high, n, dim)
  checkShape(low, n, 2)
  if (!Number.isInteger(k) || k < 1 || 2 * k >= n) {
    throw new Error(
      `trustworthiness needs an integer k with 1 ≤ k < n / 2, got k = ${k} for n = ${n}`,
    )
  }
  const cosine = (opts.metric ?? 'cosine') === 'cosine'
  const data = cosine ? normalizeRows(high, n, dim).data : high
  const points = pickPoints(n, opts.sample, opts.seed ?? 0)
  const dHigh = new Float64Array(n)
  const lowIdx = new Int32Array(k)
  const lowDist = new Float64Array(k)
  let penalty = 0
  for (const i of points) {
    for (let j = 0; j < n; j++) {
      dHigh[j] = cosine ? 1 - dotRows(data, i, data, j, dim) : sqDistance(data, i, j, dim)
    }
    nearestInMap(low, n, i, k, lowIdx, lowDist)
    for (let s = 0; s < k; s++) {
      const j = lowIdx[s]
      const dj = dHigh[j]
      let rank = 0
      for (let o = 0; o < n; o++) {
        if (o === i) continue
        const d = dHigh[o]
        if (d < dj || (d === dj && o <= j)) rank++
      }
      if (rank > k) penalty += rank - k
    }
  }
  const m = points.length
  return 1 - (2 / (m * k * (2 * n - 3 * k - 1))) * penalty
}

function pickPoints(n: number, sample: number | undefined, seed: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i)
  if (sample === undefined || sample >= n) return all
  if (!Number.isInteger(sample) || sample < 1)
    throw new Error(`sample must be a positive integer, got ${sample}`)
  const rng = createRng(seed)
  for (let i = 0; i < sample; i++) {
    const j = i + rng.nextInt(n - i)
    const t = all[i]
    all[i] = all[j]
    all[j] = t
  }
  return all.slice(0, sample)
}

function sqDistance(data: Float32Array, i: number, j: number, dim: number): number {
  let s = 0
  for (let d = 0; d < dim; d++) {
    const v = data[i * dim + d] - data[j * dim + d]
    s += v * v
  }
  return s
}

/** The k nearest other points of point i in the 2-D map (ties by index), unordered. */
function nearestInMap(
  low: Float32Array,
  n: number,
  i: number,
  k: number,
  idx: Int32Array,
  dist: Float64Array,
): void {
  let filled = 0
  let worst = 0
  const x = low[i * 2]
  const y = low[i * 2 + 1]
  for (let j = 0; j < n; j++) {
    if (j === i) continue
    const dx = low[j * 2] - x
    const dy = low[j * 2 + 1] - y
    const d = dx * dx + dy * dy
    if (filled < k) {
      idx[filled] = j
      dist[filled++] = d
      if (filled === k) worst = argWorst(dist, idx, k)
    } else if (d < dist[worst] || (d === dist[worst] && j < idx[worst])) {
      idx[worst] = j
      dist[worst] = d
      worst = argWorst(dist, idx, k)
    }
  }
}

function argWorst(dist: Float64Array, idx: Int32Array, k: number): number {
  let w = 0
  for (let s = 1; s < k; s++)
    if (dist[s] > dist[w] || (dist[s] === dist[w] && idx[s] > idx[w])) w = s
  return w
}
