// Ridge regression in closed form: centred normal equations (XᵀX + λI)·W = XᵀY solved by Cholesky, intercept unpenalised.
import { cholesky, choleskySolve } from './cholesky'

/** A fitted linear map y = x·W + b. */
export interface LinearMap {
  /** Input features. */
  inSize: number
  /** Outputs. */
  outSize: number
  /** `inSize × outSize`, row-major. */
  weights: Float32Array
  /** `outSize` intercepts. */
  bias: Float32Array
}

/** The sufficient statistics of a data set for ridge: centred XᵀX and XᵀY plus the means. */
export interface RidgeStats {
  p: number
  dim: number
  xtx: Float64Array
  xty: Float64Array
  xMean: Float64Array
  yMean: Float64Array
}

/**
 * Accumulates centred XᵀX (p×p) and XᵀY (p×dim) over the rows `idx` of X (n×p) and Y (n×dim);
 * zero features are skipped, so sparse tag indicators cost nnz² per row.
 */
export function ridgeStats(
  x: Float32Array,
  p: number,
  y: Float32Array,
  dim: number,
  idx: readonly number[],
): RidgeStats {
  if (idx.length === 0) throw new Error('Ridge regression needs at least one example')
  const n = idx.length
  const xMean = new Float64Array(p)
  const yMean = new Float64Array(dim)
  for (const r of idx) {
    for (let j = 0; j < p; j++) xMean[j] += x[r * p + j]
    for (let d = 0; d < dim; d++) yMean[d] += y[r * dim + d]
  }
  for (let j = 0; j < p; j++) xMean[j] /= n
  for (let d = 0; d < dim; d++) yMean[d] /= n
  const xtx = new Float64Array(p * p)
  const xty = new Float64Array(p * dim)
  const nz: number[] = []
  for (const r of idx) {
    nz.length = 0
    for (let j = 0; j < p; j++) if (x[r * p + j] !== 0) nz.push(j)
    for (const a of nz) {
      const xa = x[r * p + a]
      for (const b of nz) xtx[a * p + b] += xa * x[r * p + b]
      for (let d = 0; d < dim; d++) xty[a * dim + d] += xa * y[r * dim + d]
    }
  }
  // Centre: Σ(x−x̄)(x−x̄)ᵀ = ΣxxᵀT − n·x̄x̄ᵀ, Σ(x−x̄)(y−ȳ)ᵀ = Σxyᵀ − n·x̄ȳᵀ.
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) xtx[a * p + b] -= n * xMean[a] * xMean[b]
    for (let d = 0; d < dim; d++) xty[a * dim + d] -= n * xMean[a] * yMean[d]
  }
  return { p, dim, xtx, xty, xMean, yMean }
}

/** Solves the ridge problem of `stats` with penalty `lambda` (> 0). */
export function solveRidge(stats: RidgeStats, lambda: number): LinearMap {
  const { p, dim, xMean, yMean } = stats
  if (!(lambda > 0)) throw new Error(`The ridge penalty must be positive, got ${lambda}`)
  const a = Float64Array.from(stats.xtx)
  for (let j = 0; j < p; j++) a[j * p + j] += lambda
  const w = choleskySolve(cholesky(a, p), p, Float64Array.from(stats.xty), dim)
  const bias = new Float32Array(dim)
  for (let d = 0; d < dim; d++) {
    let s = yMean[d]
    for (let j = 0; j < p; j++) s -= xMean[j] * w[j * dim + d]
    bias[d] = s
  }
  return { inSize: p, outSize: dim, weights: Float32Array.from(w), bias }
}

/** y = x·W + b for one feature row (zero features skipped); writes into `out`. */
export function applyLinear(
  map: LinearMap,
  x: ArrayLike<number>,
  out = new Float32Array(map.outSize),
): Float32Array {
  const { inSize, outSize, weights } = map
  out.set(map.bias)
  for (let j = 0; j < inSize; j++) {
    const v = x[j]
    if (v === 0) continue
    for (let d = 0, k = j * outSize; d < outSize; d++, k++) out[d] += v * weights[k]
  }
  return out
}
