// Column mean and covariance of a matrix: they give the mean and spread of its scores for any query.

/** Rows per block of the covariance pass. */
const BLOCK = 64

/**
 * For scores `s = M q` over the rows of M: mean(s) = μ·q and var(s) = qᵀ C q, with μ the column
 * mean and C the (population) column covariance. Computed in float64, returned as float32.
 */
export function columnStats(
  data: Float32Array,
  rows: number,
  cols: number,
): { mean: Float32Array; cov: Float32Array } {
  const mean = new Float64Array(cols)
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) mean[c] += data[r * cols + c]
  }
  for (let c = 0; c < cols; c++) mean[c] /= rows
  // Lower triangle only (C is symmetric), over blocks of rows stored column-major so the inner
  // loop is a contiguous dot product (≈4× faster than a row at a time).
  const cov = new Float64Array(cols * cols)
  const block = new Float64Array(cols * BLOCK)
  for (let start = 0; start < rows; start += BLOCK) {
    const n = Math.min(BLOCK, rows - start)
    block.fill(0)
    for (let r = 0; r < n; r++) {
      const o = (start + r) * cols
      for (let c = 0; c < cols; c++) block[c * BLOCK + r] = data[o + c] - mean[c]
    }
    for (let i = 0; i < cols; i++) {
      const bi = i * BLOCK
      let j = 0
      // Four columns j at a time share each load of column i (same summation order per cell).
      for (; j + 3 <= i; j += 4) {
        const b0 = j * BLOCK
        let s0 = 0
        let s1 = 0
        let s2 = 0
        let s3 = 0
        for (let r = 0; r < BLOCK; r++) {
          const x = block[bi + r]
          s0 += x * block[b0 + r]
          s1 += x * block[b0 + BLOCK + r]
          s2 += x * block[b0 + 2 * BLOCK + r]
          s3 += x * block[b0 + 3 * BLOCK + r]
        }
        const o = i * cols + j
        cov[o] += s0
        cov[o + 1] += s1
        cov[o + 2] += s2
        cov[o + 3] += s3
      }
      for (; j <= i; j++) {
        const bj = j * BLOCK
        let sum = 0
        for (let r = 0; r < BLOCK; r++) sum += block[bi + r] * block[bj + r]
        cov[i * cols + j] += sum
      }
    }
  }
  const out = new Float32Array(cols * cols)
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j <= i; j++) {
      const v = cov[i * cols + j] / rows
      out[i * cols + j] = v
      out[j * cols + i] = v
    }
  }
  return { mean: Float32Array.from(mean), cov: out }
}
