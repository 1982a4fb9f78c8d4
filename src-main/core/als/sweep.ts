// The two kernels of an ALS half-sweep: the Gram matrix of the fixed side, and each row's exact solve.
import { choleskyInPlace, choleskySolveInPlace } from './cholesky'
import type { Csr } from './confidence'

/** Reusable buffers of {@link solveRow} (one set per thread). */
export interface SolveScratch {
  a: Float64Array
  b: Float64Array
  y: Float64Array
}

export function createScratch(f: number): SolveScratch {
  return { a: new Float64Array(f * f), b: new Float64Array(f), y: new Float64Array(4 * f) }
}

/**
 * Adds the lower triangle of Σ yᵢ·yᵢᵀ over rows `lo..hi-1` of `factors` (`f` wide) into `gram`
 * (row-major f × f, upper triangle untouched).
 */
export function addGram(
  factors: Float32Array,
  f: number,
  lo: number,
  hi: number,
  gram: Float64Array,
): void {
  for (let i = lo; i < hi; i++) {
    const o = i * f
    for (let a = 0; a < f; a++) {
      const ya = factors[o + a]
      if (ya === 0) continue
      const ra = a * f
      for (let b = 0; b <= a; b++) gram[ra + b] += ya * factors[o + b]
    }
  }
}

/**
 * Solves row `r` of `m` exactly: x = (G + λI + Σ (c−1)·y·yᵀ)⁻¹ · Σ c·y over its observed cells,
 * where `gram` = Yᵀ·Y of the fixed side (lower triangle) — Hu et al.'s O(nnz·f² + f³) step —
 * and writes x into row `r` of `out`.
 */
export function solveRow(
  m: Csr,
  r: number,
  fixed: Float32Array,
  gram: Float64Array,
  f: number,
  lambda: number,
  out: Float32Array,
  s: SolveScratch,
): void {
  const { a, b, y } = s
  const { indptr, indices, conf } = m
  a.set(gram)
  for (let d = 0; d < f; d++) a[d * f + d] += lambda
  b.fill(0)
  const end = indptr[r + 1]
  let k = indptr[r]
  // Four observed cells per pass over the triangle: a quarter of the loads and stores of A.
  const f2 = 2 * f
  const f3 = 3 * f
  for (; k + 3 < end; k += 4) {
    const c1 = conf[k]
    const c2 = conf[k + 1]
    const c3 = conf[k + 2]
    const c4 = conf[k + 3]
    const o1 = indices[k] * f
    const o2 = indices[k + 1] * f
    const o3 = indices[k + 2] * f
    const o4 = indices[k + 3] * f
    for (let d = 0; d < f; d++) {
      const v1 = fixed[o1 + d]
      const v2 = fixed[o2 + d]
      const v3 = fixed[o3 + d]
      const v4 = fixed[o4 + d]
      y[d] = v1
      y[f + d] = v2
      y[f2 + d] = v3
      y[f3 + d] = v4
      b[d] += c1 * v1 + c2 * v2 + c3 * v3 + c4 * v4
    }
    const w1 = c1 - 1
    const w2 = c2 - 1
    const w3 = c3 - 1
    const w4 = c4 - 1
    for (let p = 0; p < f; p++) {
      const u1 = w1 * y[p]
      const u2 = w2 * y[f + p]
      const u3 = w3 * y[f2 + p]
      const u4 = w4 * y[f3 + p]
      const rp = p * f
      for (let q = 0; q <= p; q++) {
        a[rp + q] += u1 * y[q] + u2 * y[f + q] + u3 * y[f2 + q] + u4 * y[f3 + q]
      }
    }
  }
  for (; k < end; k++) {
    const c1 = conf[k]
    const o1 = indices[k] * f
    for (let d = 0; d < f; d++) {
      y[d] = fixed[o1 + d]
      b[d] += c1 * y[d]
    }
    const w1 = c1 - 1
    for (let p = 0; p < f; p++) {
      const u1 = w1 * y[p]
      const rp = p * f
      for (let q = 0; q <= p; q++) a[rp + q] += u1 * y[q]
    }
  }
  choleskyInPlace(a, f)
  choleskySolveInPlace(a, f, b)
  const o = r * f
  for (let d = 0; d < f; d++) out[o + d] = b[d]
}

/** Solves rows `lo..hi-1` of `m` (see {@link solveRow}). */
export function solveRows(
  m: Csr,
  lo: number,
  hi: number,
  fixed: Float32Array,
  gram: Float64Array,
  f: number,
  lambda: number,
  out: Float32Array,
  s: SolveScratch,
): void {
  for (let r = lo; r < hi; r++) solveRow(m, r, fixed, gram, f, lambda, out, s)
}
