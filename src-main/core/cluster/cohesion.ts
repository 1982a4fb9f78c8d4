// How tight each cluster is: a centroid-based (simplified) silhouette on cosine distance.
import { dotRows, normalizeRows } from './vectors'

/**
 * Mean simplified silhouette per cluster. For a row with cosine distance a = 1 − cos(x, own
 * centroid) and b = 1 − cos(x, nearest other centroid), s = (b − a) / max(a, b) (0 when both are
 * 0). This is the usual O(n·k) stand-in for the O(n²) silhouette: distances to centroids replace
 * mean distances to members. Values lie in [-1, 1]; higher is tighter and better separated.
 * Empty clusters get NaN; with k = 1 every score is 0. Rows with assignment -1 are skipped.
 */
export function clusterCohesion(
  vectors: Float32Array,
  n: number,
  dim: number,
  assignments: Int32Array,
  centroids: Float32Array,
  k: number,
): Float64Array {
  if (assignments.length !== n)
    throw new Error(`Expected ${n} assignments, got ${assignments.length}`)
  if (centroids.length !== k * dim)
    throw new Error(`Expected ${k} × ${dim} centroid values, got ${centroids.length}`)
  const { data, zero } = normalizeRows(vectors, n, dim)
  const sum = new Float64Array(k)
  const count = new Int32Array(k)
  for (let i = 0; i < n; i++) {
    const c = assignments[i]
    if (c < 0 || zero[i]) continue
    if (c >= k) throw new Error(`Assignment ${c} of row ${i} is outside 0..${k - 1}`)
    count[c]++
    if (k === 1) continue
    const a = 1 - dotRows(data, i, centroids, c, dim)
    let nearest = -Infinity
    for (let o = 0; o < k; o++) {
      if (o === c) continue
      const s = dotRows(data, i, centroids, o, dim)
      if (s > nearest) nearest = s
    }
    const b = 1 - nearest
    const m = Math.max(a, b)
    sum[c] += m > 0 ? (b - a) / m : 0
  }
  const out = new Float64Array(k)
  for (let c = 0; c < k; c++) out[c] = count[c] > 0 ? sum[c] / count[c] : NaN
  return out
}
