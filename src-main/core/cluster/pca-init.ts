// Starting positions for the map: the rows projected on their top two principal axes.
import type { Rng } from '../util/random'

/** Rows the covariance is estimated from at most (every ⌈n / PCA_ROWS⌉-th row beyond). */
export const PCA_ROWS = 4_000

/**
 * Projects the `n × dim` rows on the two leading eigenvectors of their covariance (power iteration
 * with deflation on the `dim × dim` matrix; estimated on at most PCA_ROWS evenly spaced rows, which
 * is plenty for two axes and keeps this O(n·dim) rather than O(n·dim²)), scales so the largest coordinate is 10 (UMAP's
 * initial spread) and adds tiny seeded jitter so identical rows do not start on one spot.
 * Returns `n × 2` coordinates.
 */
export function pcaInit(data: Float32Array, n: number, dim: number, rng: Rng): Float32Array {
  const mean = new Float64Array(dim)
  for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) mean[d] += data[i * dim + d]
  for (let d = 0; d < dim; d++) mean[d] /= Math.max(1, n)
  const cov = new Float64Array(dim * dim)
  const row = new Float64Array(dim)
  const stride = Math.max(1, Math.ceil(n / PCA_ROWS))
  for (let i = 0; i < n; i += stride) {
    for (let d = 0; d < dim; d++) row[d] = data[i * dim + d] - mean[d]
    for (let p = 0; p < dim; p++) {
      const v = row[p]
      const o = p * dim
      for (let q = p; q < dim; q++) cov[o + q] += v * row[q]
    }
  }
  for (let p = 0; p < dim; p++) for (let q = 0; q < p; q++) cov[p * dim + q] = cov[q * dim + p]
  const axes = [leadingEigenvector(cov, dim, rng)]
  deflate(cov, dim, axes[0])
  axes.push(leadingEigenvector(cov, dim, rng))
  const out = new Float32Array(n * 2)
  let maxAbs = 0
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < 2; a++) {
      let s = 0
      for (let d = 0; d < dim; d++) s += (data[i * dim + d] - mean[d]) * axes[a][d]
      out[i * 2 + a] = s
      maxAbs = Math.max(maxAbs, Math.abs(s))
    }
  }
  const scale = maxAbs > 0 ? 10 / maxAbs : 1
  for (let x = 0; x < out.length; x++) out[x] = out[x] * scale + (rng.next() - 0.5) * 1e-3
  return out
}

function leadingEigenvector(m: Float64Array, dim: number, rng: Rng): Float64Array {
  let v = new Float64Array(dim)
  for (let d = 0; d < dim; d++) v[d] = rng.next() - 0.5
  normalize(v)
  for (let it = 0; it < 300; it++) {
    const w = new Float64Array(dim)
    for (let p = 0; p < dim; p++) {
      let s = 0
      for (let q = 0; q < dim; q++) s += m[p * dim + q] * v[q]
      w[p] = s
    }
    if (normalize(w) === 0) return v
    let change = 0
    for (let d = 0; d < dim; d++) change += Math.abs(w[d] - v[d])
    v = w
    if (change < 1e-9) break
  }
  return v
}

function deflate(m: Float64Array, dim: number, v: Float64Array): void {
  let lambda = 0
  for (let p = 0; p < dim; p++) {
    let s = 0
    for (let q = 0; q < dim; q++) s += m[p * dim + q] * v[q]
    lambda += v[p] * s
  }
  for (let p = 0; p < dim; p++) for (let q = 0; q < dim; q++) m[p * dim + q] -= lambda * v[p] * v[q]
}

function normalize(v: Float64Array): number {
  let s = 0
  for (let d = 0; d < v.length; d++) s += v[d] * v[d]
  const len = Math.sqrt(s)
  if (len > 0) for (let d = 0; d < v.length; d++) v[d] /= len
  return len
}
