// The Gram-trick reconstruction loss equals the loss and gradients computed cell by cell.
import { describe, expect, it } from 'vitest'
import {
  addTimesSymmetric,
  gramOfColumns,
} from '../../../../src-main/core/autoencoder/gram-kernels'
import { gaussian } from '../../../../src-main/core/autoencoder/layers'
import { reconstructionLoss } from '../../../../src-main/core/autoencoder/output-loss'
import { createRng } from '../../../../src-main/core/util/random'

function randomArray(n: number, seed: number, scale = 1): Float32Array {
  const rng = createRng(seed)
  return Float32Array.from({ length: n }, () => scale * gaussian(rng))
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]))
  return m
}

describe('reconstructionLoss', () => {
  it('matches a dense cell-by-cell computation of loss and gradients', () => {
    const nOut = 11
    const d = 5
    const cols = [[0, 3, 7], [1], [2, 3, 4, 10], []]
    const batch = cols.length
    const w = randomArray(nOut * d, 1, 0.5)
    const b = randomArray(nOut, 2, 0.2)
    const h = randomArray(batch * d, 3)
    const zeroWeight = 3
    const gW = new Float32Array(nOut * d)
    const gB = new Float32Array(nOut)
    const dH = new Float32Array(batch * d)
    const got = reconstructionLoss(
      { size: nOut, inSize: d, weight: w, bias: b },
      h,
      cols,
      zeroWeight,
      gW,
      gB,
      dH,
    )

    // Dense reference.
    const nnz = cols.reduce((s, c) => s + c.length, 0)
    const cells = batch * nOut
    let masked = 0
    let plain = 0
    const rW = new Float64Array(nOut * d)
    const rB = new Float64Array(nOut)
    const rH = new Float64Array(batch * d)
    for (let s = 0; s < batch; s++) {
      for (let j = 0; j < nOut; j++) {
        let y = b[j]
        for (let p = 0; p < d; p++) y += w[j * d + p] * h[s * d + p]
        const x = cols[s].includes(j) ? 1 : 0
        plain += (y - x) ** 2
        let grad = ((2 * zeroWeight) / cells) * (y - x)
        if (x === 1) {
          masked += (y - 1) ** 2
          grad += (2 / nnz) * (y - 1)
        }
        rB[j] += grad
        for (let p = 0; p < d; p++) {
          rW[j * d + p] += grad * h[s * d + p]
          rH[s * d + p] += grad * w[j * d + p]
        }
      }
    }
    expect(got.maskedMse).toBeCloseTo(masked / nnz, 5)
    expect(got.plainMse).toBeCloseTo(plain / cells, 5)
    expect(got.loss).toBeCloseTo(masked / nnz + (zeroWeight * plain) / cells, 5)
    expect(maxAbsDiff(gW, rW)).toBeLessThan(1e-5)
    expect(maxAbsDiff(gB, rB)).toBeLessThan(1e-5)
    expect(maxAbsDiff(dH, rH)).toBeLessThan(1e-5)
  })
})

describe('gram kernels', () => {
  it('compute WᵀW and W·H exactly for odd and even sizes', () => {
    for (const [rows, d] of [
      [7, 4],
      [6, 5],
      [1, 1],
    ]) {
      const w = randomArray(rows * d, rows + d)
      const g = new Float64Array(d * d)
      gramOfColumns(w, rows, d, new Float32Array(rows * d), g)
      const h = new Float64Array(d * d)
      for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) h[p * d + q] = 1 / (1 + p + q)
      const out = new Float32Array(rows * d).fill(1)
      addTimesSymmetric(w, rows, d, h, 2, out)
      for (let p = 0; p < d; p++) {
        for (let q = 0; q < d; q++) {
          let s = 0
          for (let j = 0; j < rows; j++) s += w[j * d + p] * w[j * d + q]
          expect(g[p * d + q]).toBeCloseTo(s, 5)
        }
      }
      for (let j = 0; j < rows; j++) {
        for (let q = 0; q < d; q++) {
          let s = 0
          for (let p = 0; p < d; p++) s += w[j * d + p] * h[p * d + q]
          expect(out[j * d + q]).toBeCloseTo(1 + 2 * s, 4)
        }
      }
    }
  })
})
