// The blocked GEMM kernel equals the textbook triple loop for odd and even shapes, set and accumulate.
import { describe, expect, it } from 'vitest'
import { gemmABt, transposeInto } from '../../../../src-main/core/autoencoder/gemm'

describe('gemmABt', () => {
  it('computes α·A·Bᵀ (and adds it) for every parity of m, n, k', () => {
    for (const [m, n, k] of [
      [1, 1, 1],
      [3, 5, 2],
      [4, 4, 3],
      [5, 2, 7],
    ]) {
      const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i + 1))
      const b = Float32Array.from({ length: n * k }, (_, i) => Math.cos(3 * i))
      const set = new Float32Array(m * n).fill(9)
      const add = new Float32Array(m * n).fill(1)
      gemmABt(a, b, m, n, k, set, 2)
      gemmABt(a, b, m, n, k, add, 0.5, true)
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0
          for (let p = 0; p < k; p++) s += a[i * k + p] * b[j * k + p]
          expect(set[i * n + j]).toBeCloseTo(2 * s, 5)
          expect(add[i * n + j]).toBeCloseTo(1 + 0.5 * s, 5)
        }
      }
    }
  })

  it('transposes row-major matrices', () => {
    const out = new Float32Array(6)
    transposeInto(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3, out)
    expect([...out]).toEqual([1, 4, 2, 5, 3, 6])
  })
})
