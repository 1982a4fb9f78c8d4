// A logistic scorer over standardised features, fitted by full-batch Adam with L2: the learnt re-rank of the served ranker.

/** A fitted logistic model: score = w · ((x − mean) / std) + bias. */
export interface LogisticModel {
  mean: Float64Array
  std: Float64Array
  weights: Float64Array
  bias: number
}

/** Options of {@link fitLogistic}. */
export interface LogisticOptions {
  iterations?: number
  learningRate?: number
  l2?: number
}

/**
 * Fits P(y = 1 | x) on `rows` feature vectors (row-major in `x`, `dim` wide) with labels `y` (0/1).
 * Deterministic (zero start, full batch).
 */
export function fitLogistic(
  x: Float32Array,
  y: Uint8Array,
  dim: number,
  opts: LogisticOptions = {},
): LogisticModel {
  const rows = y.length
  if (x.length !== rows * dim) throw new Error(`Expected ${rows}×${dim} features, got ${x.length}`)
  const iterations = opts.iterations ?? 300
  const lr = opts.learningRate ?? 0.05
  const l2 = opts.l2 ?? 1e-4
  const mean = new Float64Array(dim)
  const std = new Float64Array(dim)
  for (let r = 0; r < rows; r++) for (let d = 0; d < dim; d++) mean[d] += x[r * dim + d]
  for (let d = 0; d < dim; d++) mean[d] /= Math.max(1, rows)
  for (let r = 0; r < rows; r++)
    for (let d = 0; d < dim; d++) std[d] += (x[r * dim + d] - mean[d]) ** 2
  for (let d = 0; d < dim; d++) std[d] = Math.sqrt(std[d] / Math.max(1, rows)) || 1
  const z = new Float32Array(x.length)
  for (let r = 0; r < rows; r++)
    for (let d = 0; d < dim; d++) z[r * dim + d] = (x[r * dim + d] - mean[d]) / std[d]
  // Parameters: dim weights then the bias.
  const p = new Float64Array(dim + 1)
  const m1 = new Float64Array(dim + 1)
  const m2 = new Float64Array(dim + 1)
  const grad = new Float64Array(dim + 1)
  for (let t = 1; t <= iterations; t++) {
    grad.fill(0)
    for (let r = 0; r < rows; r++) {
      let s = p[dim]
      for (let d = 0; d < dim; d++) s += p[d] * z[r * dim + d]
      const e = 1 / (1 + Math.exp(-s)) - y[r]
      for (let d = 0; d < dim; d++) grad[d] += e * z[r * dim + d]
      grad[dim] += e
    }
    for (let d = 0; d <= dim; d++) {
      const g = grad[d] / rows + (d < dim ? l2 * p[d] : 0)
      m1[d] = 0.9 * m1[d] + 0.1 * g
      m2[d] = 0.999 * m2[d] + 0.001 * g * g
      const mh = m1[d] / (1 - 0.9 ** t)
      const vh = m2[d] / (1 - 0.999 ** t)
      p[d] -= (lr * mh) / (Math.sqrt(vh) + 1e-8)
    }
  }
  return { mean, std, weights: p.slice(0, dim), bias: p[dim] }
}

/** The model's logit for the feature vector at `x[offset .. offset + dim)`. */
export function logit(model: LogisticModel, x: ArrayLike<number>, offset = 0): number {
  let s = model.bias
  const { mean, std, weights } = model
  for (let d = 0; d < weights.length; d++) s += (weights[d] * (x[offset + d] - mean[d])) / std[d]
  return s
}
