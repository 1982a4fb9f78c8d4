// Dense symmetric positive-definite solves on Float64Array: the f×f normal equations of every ALS row.

/**
 * Factors the lower triangle of the row-major `n × n` matrix `a` in place as L·Lᵀ (the upper
 * triangle is neither read nor written). Throws when the matrix is not positive definite.
 * Row-oriented (Cholesky–Banachiewicz), two rows × two columns at a time so every load of the
 * inner product serves two multiply-adds.
 */
export function choleskyInPlace(a: Float64Array, n: number): void {
  for (let i0 = 0; i0 < n; i0 += 2) {
    const i1 = i0 + 1
    const two = i1 < n
    const r0 = i0 * n
    const r1 = i1 * n
    let j0 = 0
    for (; j0 + 1 < i0; j0 += 2) {
      const q0 = j0 * n
      const q1 = q0 + n
      let s00 = a[r0 + j0]
      let s01 = a[r0 + j0 + 1]
      let s10 = two ? a[r1 + j0] : 0
      let s11 = two ? a[r1 + j0 + 1] : 0
      for (let k = 0; k < j0; k++) {
        const x0 = a[r0 + k]
        const x1 = two ? a[r1 + k] : 0
        const y0 = a[q0 + k]
        const y1 = a[q1 + k]
        s00 -= x0 * y0
        s01 -= x0 * y1
        s10 -= x1 * y0
        s11 -= x1 * y1
      }
      const l00 = s00 / a[q0 + j0]
      const l10 = s10 / a[q0 + j0]
      const c = a[q1 + j0]
      a[r0 + j0] = l00
      a[r0 + j0 + 1] = (s01 - l00 * c) / a[q1 + j0 + 1]
      if (two) {
        a[r1 + j0] = l10
        a[r1 + j0 + 1] = (s11 - l10 * c) / a[q1 + j0 + 1]
      }
    }
    if (j0 < i0) {
      // One column left (i0 odd): both rows against it.
      const q0 = j0 * n
      let s0 = a[r0 + j0]
      let s1 = two ? a[r1 + j0] : 0
      for (let k = 0; k < j0; k++) {
        const y0 = a[q0 + k]
        s0 -= a[r0 + k] * y0
        if (two) s1 -= a[r1 + k] * y0
      }
      a[r0 + j0] = s0 / a[q0 + j0]
      if (two) a[r1 + j0] = s1 / a[q0 + j0]
    }
    // The diagonal block.
    let d0 = a[r0 + i0]
    for (let k = 0; k < i0; k++) d0 -= a[r0 + k] * a[r0 + k]
    a[r0 + i0] = pivot(d0, i0)
    if (two) {
      let s = a[r1 + i0]
      for (let k = 0; k < i0; k++) s -= a[r1 + k] * a[r0 + k]
      a[r1 + i0] = s / a[r0 + i0]
      let d1 = a[r1 + i1]
      for (let k = 0; k < i1; k++) d1 -= a[r1 + k] * a[r1 + k]
      a[r1 + i1] = pivot(d1, i1)
    }
  }
}

function pivot(s: number, i: number): number {
  if (!(s > 0)) {
    throw new Error(
      `Normal equations are not positive definite (pivot ${i} = ${s}): raise lambda above 0`,
    )
  }
  return Math.sqrt(s)
}

/** Solves L·Lᵀ·x = b given the factor from {@link choleskyInPlace}; `b` is overwritten with x. */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  // Forward: L·z = b (rows of L are contiguous).
  for (let i = 0; i < n; i++) {
    const ri = i * n
    let s = b[i]
    for (let k = 0; k < i; k++) s -= l[ri + k] * b[k]
    b[i] = s / l[ri + i]
  }
  // Backward: Lᵀ·x = z, column by column so L is still read along its rows.
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n
    const xi = b[i] / l[ri + i]
    b[i] = xi
    for (let k = 0; k < i; k++) b[k] -= l[ri + k] * xi
  }
}
