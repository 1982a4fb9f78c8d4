// k-means++ seeding on the unit sphere: spread the first centroids out so Lloyd starts well.
import type { Rng } from '../util/random'
import { dotRows, type UnitRows } from './vectors'

/**
 * Picks `k` distinct rows as starting centroids. The first is uniform; each next one is drawn with
 * probability proportional to 1 − (cosine to its nearest chosen centroid), which is half the squared
 * Euclidean distance between unit vectors, i.e. k-means++. With `trials` > 1 this is greedy
 * k-means++ (as scikit-learn): that many candidates are drawn and the one leaving the smallest
 * total 1 − cosine is kept. Returns `k × dim` unit rows. When `sims` (`n × k`) is given, it
 * receives the cosine of every non-zero row to every centroid, which the seeding computes anyway.
 */
export function seedPlusPlus(
  rows: UnitRows,
  n: number,
  dim: number,
  k: number,
  rng: Rng,
  trials = 1,
  sims?: Float32Array,
): Float32Array {
  const { data, zero } = rows
  const centroids = new Float32Array(k * dim)
  const best = new Float64Array(n).fill(-Infinity)
  const chosen = new Uint8Array(n)
  let pickSims = new Float64Array(n)
  let trySims = new Float64Array(n)
  const validIdx: number[] = []
  for (let i = 0; i < n; i++) if (!zero[i]) validIdx.push(i)
  let pick = validIdx[rng.nextInt(validIdx.length)]
  similarities(pick, pickSims)
  for (let c = 0; ; c++) {
    chosen[pick] = 1
    centroids.set(data.subarray(pick * dim, pick * dim + dim), c * dim)
    let total = 0
    for (let i = 0; i < n; i++) {
      if (zero[i]) continue
      const s = pickSims[i]
      if (sims) sims[i * k + c] = s
      if (s > best[i]) best[i] = s
      if (!chosen[i]) total += Math.max(0, 1 - best[i])
    }
    if (c === k - 1) break
    if (!(total > 0)) {
      // Every remaining row coincides with a centroid: take any row not yet chosen.
      const rest = validIdx.filter((i) => !chosen[i])
      pick = rest[rng.nextInt(rest.length)]
      similarities(pick, pickSims)
      continue
    }
    let bestPotential = Infinity
    for (let t = 0; t < trials; t++) {
      const cand = drawWeighted(rng.next() * total, best, zero, chosen)
      if (trials === 1) {
        pick = cand
        similarities(pick, pickSims)
        break
      }
      similarities(cand, trySims)
      let potential = 0
      for (let i = 0; i < n; i++) if (!zero[i]) potential += 1 - Math.max(best[i], trySims[i])
      if (potential < bestPotential) {
        bestPotential = potential
        pick = cand
        const swap = pickSims
        pickSims = trySims
        trySims = swap
      }
    }
  }
  return centroids

  function similarities(row: number, out: Float64Array): void {
    for (let i = 0; i < n; i++) out[i] = zero[i] ? 0 : dotRows(data, i, data, row, dim)
  }
}

function drawWeighted(
  target: number,
  best: Float64Array,
  zero: Uint8Array,
  chosen: Uint8Array,
): number {
  let acc = 0
  let last = -1
  for (let i = 0; i < best.length; i++) {
    if (zero[i] || chosen[i]) continue
    const w = Math.max(0, 1 - best[i])
    if (w <= 0) continue
    acc += w
    last = i
    if (acc > target) return i
  }
  return last
}
