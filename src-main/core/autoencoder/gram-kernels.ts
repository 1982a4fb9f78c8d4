// The two O(columns·d²) products of the output layer, blocked 2×2 so each load serves two multiply-adds.

/**
 * G = WᵀW (full symmetric, `d × d`) of the row-major `rows × d` matrix `w`, via its transpose
 * `wt` (`d × rows`, overwritten) so every inner product runs over contiguous memory.
 */
export function gramOfColumns(
  w: Float32Array,
  rows: number,
  d: number,
  wt: Float32Array,
  g: Float64Array,
): void {
  for (let j = 0; j < rows; j++) {
    const o = j * d
    for (let p = 0; p < d; p++) wt[p * rows + j] = w[o + p]
  }
  let p = 0
  for (; p + 1 < d; p += 2) {
    const a0 = p * rows
    const a1 = a0 + rows
    for (let q = 0; q <= p; q += 2) {
      const b0 = q * rows
      const b1 = b0 + rows
      let s00 = 0
      let s01 = 0
      let s10 = 0
      let s11 = 0
      for (let j = 0; j < rows; j++) {
        const x0 = wt[a0 + j]
        const x1 = wt[a1 + j]
        const y0 = wt[b0 + j]
        const y1 = wt[b1 + j]
        s00 += x0 * y0
        s01 += x0 * y1
        s10 += x1 * y0
        s11 += x1 * y1
      }
      g[p * d + q] = g[q * d + p] = s00
      g[p * d + q + 1] = g[(q + 1) * d + p] = s01
      g[(p + 1) * d + q] = g[q * d + p + 1] = s10
      g[(p + 1) * d + q + 1] = g[(q + 1) * d + p + 1] = s11
    }
  }
  if (p < d) {
    // Odd d: the last row against every row.
    const a0 = p * rows
    for (let q = 0; q <= p; q++) {
      const b0 = q * rows
      let s = 0
      for (let j = 0; j < rows; j++) s += wt[a0 + j] * wt[b0 + j]
      g[p * d + q] = g[q * d + p] = s
    }
  }
}

/**
 * Adds `scale`·(W·H) to `out` (both `rows × d`), for a symmetric `d × d` matrix `h`: entry (j, q)
 * is the inner product of row j of W and row q of H, two rows by two rows at a time.
 */
export function addTimesSymmetric(
  w: Float32Array,
  rows: number,
  d: number,
  h: Float64Array,
  scale: number,
  out: Float32Array,
): void {
  let j = 0
  for (; j + 1 < rows; j += 2) {
    const a0 = j * d
    const a1 = a0 + d
    let q = 0
    for (; q + 1 < d; q += 2) {
      const b0 = q * d
      const b1 = b0 + d
      let s00 = 0
      let s01 = 0
      let s10 = 0
      let s11 = 0
      for (let p = 0; p < d; p++) {
        const x0 = w[a0 + p]
        const x1 = w[a1 + p]
        const y0 = h[b0 + p]
        const y1 = h[b1 + p]
        s00 += x0 * y0
        s01 += x0 * y1
        s10 += x1 * y0
        s11 += x1 * y1
      }
      out[a0 + q] += scale * s00
      out[a0 + q + 1] += scale * s01
      out[a1 + q] += scale * s10
      out[a1 + q + 1] += scale * s11
    }
    for (; q < d; q++) {
      const b0 = q * d
      let s0 = 0
      let s1 = 0
      for (let p = 0; p < d; p++) {
        s0 += w[a0 + p] * h[b0 + p]
        s1 += w[a1 + p] * h[b0 + p]
      }
      out[a0 + q] += scale * s0
      out[a1 + q] += scale * s1
    }
  }
  for (; j < rows; j++) {
    const a0 = j * d
    for (let q = 0; q < d; q++) {
      const b0 = q * d
      let s = 0
      for (let p = 0; p < d; p++) s += w[a0 + p] * h[b0 + p]
      out[a0 + q] += scale * s
    }
  }
}
