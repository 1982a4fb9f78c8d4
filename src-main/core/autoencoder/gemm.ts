// C (+)= α·A·Bᵀ on row-major Float32Arrays with contiguous inner products, blocked 2×2: the dense layers' kernel.

/**
 * For A `m × k` and B `n × k` (both row-major), sets C (`m × n`) to α·A·Bᵀ, or adds it when
 * `accumulate`. Both operands are read along their rows, two rows of each at a time.
 */
export function gemmABt(
  a: Float32Array,
  b: Float32Array,
  m: number,
  n: number,
  k: number,
  c: Float32Array,
  alpha = 1,
  accumulate = false,
): void {
  let i = 0
  for (; i + 1 < m; i += 2) {
    const a0 = i * k
    const a1 = a0 + k
    const c0 = i * n
    const c1 = c0 + n
    let j = 0
    for (; j + 1 < n; j += 2) {
      const b0 = j * k
      const b1 = b0 + k
      let s00 = 0
      let s01 = 0
      let s10 = 0
      let s11 = 0
      for (let p = 0; p < k; p++) {
        const x0 = a[a0 + p]
        const x1 = a[a1 + p]
        const y0 = b[b0 + p]
        const y1 = b[b1 + p]
        s00 += x0 * y0
        s01 += x0 * y1
        s10 += x1 * y0
        s11 += x1 * y1
      }
      if (accumulate) {
        c[c0 + j] += alpha * s00
        c[c0 + j + 1] += alpha * s01
        c[c1 + j] += alpha * s10
        c[c1 + j + 1] += alpha * s11
      } else {
        c[c0 + j] = alpha * s00
        c[c0 + j + 1] = alpha * s01
        c[c1 + j] = alpha * s10
        c[c1 + j + 1] = alpha * s11
      }
    }
    if (j < n) {
      const b0 = j * k
      let s0 = 0
      let s1 = 0
      for (let p = 0; p < k; p++) {
        s0 += a[a0 + p] * b[b0 + p]
        s1 += a[a1 + p] * b[b0 + p]
      }
      c[c0 + j] = alpha * s0 + (accumulate ? c[c0 + j] : 0)
      c[c1 + j] = alpha * s1 + (accumulate ? c[c1 + j] : 0)
    }
  }
  if (i < m) {
    const a0 = i * k
    const c0 = i * n
    for (let j = 0; j < n; j++) {
      const b0 = j * k
      let s = 0
      for (let p = 0; p < k; p++) s += a[a0 + p] * b[b0 + p]
      c[c0 + j] = alpha * s + (accumulate ? c[c0 + j] : 0)
    }
  }
}

/** Writes the transpose of the row-major `rows × cols` matrix `x` into `out` (`cols × rows`). */
export function transposeInto(
  x: Float32Array,
  rows: number,
  cols: number,
  out: Float32Array,
): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols
    for (let c = 0; c < cols; c++) out[c * rows + r] = x[o + c]
  }
}
