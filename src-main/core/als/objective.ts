// The full WMF objective Σ c·(p − xᵀy)² + λ(‖X‖² + ‖Y‖²) over ALL cells, in O(n·f² + nnz·f) via Yᵀ·Y.
import type { Csr } from './confidence'

/**
 * Objective of playlist factors `users` and song factors `items` (`f` wide) on `byUser`, where
 * `itemGram` is the lower triangle of Yᵀ·Y: every cell counts (absent ones with c = 1, p = 0).
 */
export function wmfObjective(
  byUser: Csr,
  users: Float32Array,
  items: Float32Array,
  itemGram: Float64Array,
  f: number,
  lambda: number,
): number {
  let loss = 0
  for (let u = 0; u < byUser.rows; u++) {
    const o = u * f
    // Every cell as if absent: Σ_i (xᵀy_i)² = xᵀ·G·x.
    for (let a = 0; a < f; a++) {
      const xa = users[o + a]
      if (xa === 0) continue
      const ra = a * f
      let s = 0.5 * itemGram[ra + a] * xa
      for (let b = 0; b < a; b++) s += itemGram[ra + b] * users[o + b]
      loss += 2 * xa * s
    }
    // Observed cells: replace (0 − s)² by c·(1 − s)².
    for (let k = byUser.indptr[u]; k < byUser.indptr[u + 1]; k++) {
      const io = byUser.indices[k] * f
      let s = 0
      for (let d = 0; d < f; d++) s += users[o + d] * items[io + d]
      loss += byUser.conf[k] * (1 - s) * (1 - s) - s * s
    }
  }
  return loss + lambda * (sumSquares(users) + sumSquares(items))
}

function sumSquares(v: Float32Array): number {
  let s = 0
  for (let i = 0; i < v.length; i++) s += v[i] * v[i]
  return s
}
