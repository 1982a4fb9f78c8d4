// The reconstruction loss (masked MSE + weighted all-cells MSE) and its gradients, never materialising batch × columns.
import { addTimesSymmetric, gramOfColumns } from './gram-kernels'
import type { OutputLayer } from './layers'

/** The loss of one batch and its two parts. */
export interface BatchLoss {
  /** maskedMse + zeroWeight · plainMse. */
  loss: number
  /** Mean of (ŷ − 1)² over the batch's non-zero cells. */
  maskedMse: number
  /** Mean of (ŷ − x)² over every cell of the batch (songs × columns). */
  plainMse: number
}

/**
 * For hidden rows `h` (`batch × d`) of a batch whose targets are the binary rows `cols`, with
 * ŷ = h·Wᵀ + b: returns the loss and ADDS its gradients to `gW`, `gB`, `dH` (the last one is
 * overwritten, not added); `scratch` (as long as W) avoids an allocation. Uses Σ_j ŷ_j² = hᵀ(WᵀW)h + 2(Wᵀb)·h + ‖b‖², so one batch costs
 * O(columns·d² + non-zeros·d) instead of O(batch·columns·d).
 */
export function reconstructionLoss(
  out: OutputLayer,
  h: Float32Array,
  cols: readonly (readonly number[])[],
  zeroWeight: number,
  gW: Float32Array,
  gB: Float32Array,
  dH: Float32Array,
  scratch?: Float32Array,
): BatchLoss {
  const { size: nOut, inSize: d, weight: w, bias: b } = out
  const batch = cols.length
  let nnz = 0
  for (const c of cols) nnz += c.length
  const cells = batch * nOut
  const kappa = (2 * zeroWeight) / cells
  const maskScale = nnz > 0 ? 2 / nnz : 0

  // G = WᵀW (full symmetric), v = Wᵀb.
  const g = new Float64Array(d * d)
  gramOfColumns(w, nOut, d, scratch ?? new Float32Array(w.length), g)
  const v = new Float64Array(d)
  let bb = 0
  for (let j = 0; j < nOut; j++) {
    const o = j * d
    const bj = b[j]
    bb += bj * bj
    for (let p = 0; p < d; p++) v[p] += w[o + p] * bj
  }

  // H = Σ_s h_s·h_sᵀ and S = Σ_s h_s, for the dense part of ∂/∂W.
  const hh = new Float64Array(d * d)
  const hs = new Float64Array(d)
  // Dense part of the loss and of ∂/∂h: κ·(G·h + v).
  let sumSq = 0
  for (let s = 0; s < batch; s++) {
    const o = s * d
    for (let p = 0; p < d; p++) {
      const hp = h[o + p]
      hs[p] += hp
      const rp = p * d
      let gh = 0
      for (let q = 0; q < d; q++) gh += g[rp + q] * h[o + q]
      sumSq += hp * (gh + 2 * v[p])
      dH[o + p] = kappa * (gh + v[p])
      if (hp === 0) continue
      for (let q = 0; q <= p; q++) hh[rp + q] += hp * h[o + q]
    }
  }
  sumSq += batch * bb
  for (let p = 0; p < d; p++) for (let q = 0; q < p; q++) hh[q * d + p] = hh[p * d + q]

  // Non-zero cells: masked loss, and the sparse part of every gradient.
  let masked = 0
  let sumNz = 0
  for (let s = 0; s < batch; s++) {
    const o = s * d
    for (const j of cols[s]) {
      const r = j * d
      let y = b[j]
      for (let p = 0; p < d; p++) y += w[r + p] * h[o + p]
      masked += (y - 1) * (y - 1)
      sumNz += y
      const e = maskScale * (y - 1) - kappa
      gB[j] += e
      for (let p = 0; p < d; p++) {
        gW[r + p] += e * h[o + p]
        dH[o + p] += e * w[r + p]
      }
    }
  }

  // Dense part of ∂/∂W and ∂/∂b: κ·(W[j]·H + b_j·S) and κ·(W[j]·S + batch·b_j).
  addTimesSymmetric(w, nOut, d, hh, kappa, gW)
  for (let j = 0; j < nOut; j++) {
    const o = j * d
    const kb = kappa * b[j]
    let ws = 0
    for (let p = 0; p < d; p++) {
      ws += w[o + p] * hs[p]
      gW[o + p] += kb * hs[p]
    }
    gB[j] += kappa * (ws + batch * b[j])
  }

  const maskedMse = nnz > 0 ? masked / nnz : 0
  const plainMse = (sumSq - 2 * sumNz + nnz) / cells
  return { loss: maskedMse + zeroWeight * plainMse, maskedMse, plainMse }
}
